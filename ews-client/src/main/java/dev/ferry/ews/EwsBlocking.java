package dev.ferry.ews;

import dev.ferry.ews.model.AttachmentId;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.FetchedMessage;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemInfo;
import dev.ferry.ews.model.ItemOutcome;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link EwsClient}'s operations as blocking calls. They refuse to run on an event loop. */
public interface EwsBlocking {
    void send(MailMessage message, SendMode mode);

    FetchedMessage fetchMessage(ItemId id);

    ItemInfo getItem(ItemId id);

    List<ByteBuffer> mimeContent(ItemId id);

    List<ByteBuffer> attachmentContent(AttachmentId id);

    Long downloadAttachment(AttachmentId id, Path target);

    List<ItemId> appendMessages(FolderId folder, List<MailMessage> messages);

    List<ItemOutcome<ItemId>> appendMessagesEach(FolderId folder, List<MailMessage> messages);

    ItemId appendMessage(FolderId folder, MailMessage message);

    @Nullable ItemId copyItem(ItemId id, FolderId target);

    @Nullable ItemId moveItem(ItemId id, FolderId target);

    void deleteItem(ItemId id, DeleteMode mode);

    List<ItemOutcome<ItemId>> deleteItems(List<ItemId> ids, DeleteMode mode);

    ItemId updateItem(ItemUpdate update);

    List<ItemInfo> findItems(FindItemsQuery query);

    Folder getFolder(FolderId folder);

    List<Folder> findFolders(FolderId parent, boolean deep);

    Folder createFolder(FolderId parent, String displayName);

    void deleteFolder(FolderId folder, DeleteMode mode);
}
