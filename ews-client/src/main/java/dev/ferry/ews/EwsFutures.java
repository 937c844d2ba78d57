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
import java.util.concurrent.CompletableFuture;

/** {@link EwsClient}'s operations as futures: cancelling one cancels the exchange; they complete off the event loops. */
public interface EwsFutures {
    CompletableFuture<Void> send(MailMessage message, SendMode mode);

    CompletableFuture<FetchedMessage> fetchMessage(ItemId id);

    CompletableFuture<ItemInfo> getItem(ItemId id);

    CompletableFuture<List<ByteBuffer>> mimeContent(ItemId id);

    CompletableFuture<List<ByteBuffer>> attachmentContent(AttachmentId id);

    CompletableFuture<Long> downloadAttachment(AttachmentId id, Path target);

    CompletableFuture<List<ItemId>> appendMessages(FolderId folder, List<MailMessage> messages);

    CompletableFuture<List<ItemOutcome<ItemId>>> appendMessagesEach(FolderId folder, List<MailMessage> messages);

    CompletableFuture<ItemId> appendMessage(FolderId folder, MailMessage message);

    CompletableFuture<ItemId> copyItem(ItemId id, FolderId target);

    CompletableFuture<ItemId> moveItem(ItemId id, FolderId target);

    CompletableFuture<Void> deleteItem(ItemId id, DeleteMode mode);

    CompletableFuture<List<ItemOutcome<ItemId>>> deleteItems(List<ItemId> ids, DeleteMode mode);

    CompletableFuture<ItemId> updateItem(ItemUpdate update);

    CompletableFuture<List<ItemInfo>> findItems(FindItemsQuery query);

    CompletableFuture<Folder> getFolder(FolderId folder);

    CompletableFuture<List<Folder>> findFolders(FolderId parent, boolean deep);

    CompletableFuture<Folder> createFolder(FolderId parent, String displayName);

    CompletableFuture<Void> deleteFolder(FolderId folder, DeleteMode mode);
}
