package dev.ferry.ews;

import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
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

/**
 * {@link EwsClient}'s operations as Begin/End pairs (the .NET APM shape Aspose.Email's async client
 * users know): {@code beginX} starts the operation and returns at once; the callback runs once, off
 * the event loops; {@code endX} returns the result or throws the operation's exception.
 */
public interface EwsCallbacks {
    AsyncResult<Void> beginSend(MailMessage message, SendMode mode, @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    void endSend(AsyncResult<Void> result);

    AsyncResult<FetchedMessage> beginFetchMessage(ItemId id, @Nullable AsyncCallback<FetchedMessage> callback, @Nullable Object state);

    FetchedMessage endFetchMessage(AsyncResult<FetchedMessage> result);

    AsyncResult<ItemInfo> beginGetItem(ItemId id, @Nullable AsyncCallback<ItemInfo> callback, @Nullable Object state);

    ItemInfo endGetItem(AsyncResult<ItemInfo> result);

    AsyncResult<List<ByteBuffer>> beginMimeContent(ItemId id, @Nullable AsyncCallback<List<ByteBuffer>> callback, @Nullable Object state);

    List<ByteBuffer> endMimeContent(AsyncResult<List<ByteBuffer>> result);

    AsyncResult<List<ByteBuffer>> beginAttachmentContent(AttachmentId id, @Nullable AsyncCallback<List<ByteBuffer>> callback, @Nullable Object state);

    List<ByteBuffer> endAttachmentContent(AsyncResult<List<ByteBuffer>> result);

    AsyncResult<Long> beginDownloadAttachment(AttachmentId id, Path target, @Nullable AsyncCallback<Long> callback, @Nullable Object state);

    Long endDownloadAttachment(AsyncResult<Long> result);

    AsyncResult<List<ItemId>> beginAppendMessages(FolderId folder, List<MailMessage> messages, @Nullable AsyncCallback<List<ItemId>> callback, @Nullable Object state);

    List<ItemId> endAppendMessages(AsyncResult<List<ItemId>> result);

    AsyncResult<List<ItemOutcome<ItemId>>> beginAppendMessagesEach(FolderId folder, List<MailMessage> messages, @Nullable AsyncCallback<List<ItemOutcome<ItemId>>> callback, @Nullable Object state);

    List<ItemOutcome<ItemId>> endAppendMessagesEach(AsyncResult<List<ItemOutcome<ItemId>>> result);

    AsyncResult<ItemId> beginAppendMessage(FolderId folder, MailMessage message, @Nullable AsyncCallback<ItemId> callback, @Nullable Object state);

    ItemId endAppendMessage(AsyncResult<ItemId> result);

    AsyncResult<ItemId> beginCopyItem(ItemId id, FolderId target, @Nullable AsyncCallback<ItemId> callback, @Nullable Object state);

    @Nullable ItemId endCopyItem(AsyncResult<ItemId> result);

    AsyncResult<ItemId> beginMoveItem(ItemId id, FolderId target, @Nullable AsyncCallback<ItemId> callback, @Nullable Object state);

    @Nullable ItemId endMoveItem(AsyncResult<ItemId> result);

    AsyncResult<Void> beginDeleteItem(ItemId id, DeleteMode mode, @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    void endDeleteItem(AsyncResult<Void> result);

    AsyncResult<List<ItemOutcome<ItemId>>> beginDeleteItems(List<ItemId> ids, DeleteMode mode, @Nullable AsyncCallback<List<ItemOutcome<ItemId>>> callback, @Nullable Object state);

    List<ItemOutcome<ItemId>> endDeleteItems(AsyncResult<List<ItemOutcome<ItemId>>> result);

    AsyncResult<ItemId> beginUpdateItem(ItemUpdate update, @Nullable AsyncCallback<ItemId> callback, @Nullable Object state);

    ItemId endUpdateItem(AsyncResult<ItemId> result);

    AsyncResult<List<ItemInfo>> beginFindItems(FindItemsQuery query, @Nullable AsyncCallback<List<ItemInfo>> callback, @Nullable Object state);

    List<ItemInfo> endFindItems(AsyncResult<List<ItemInfo>> result);

    AsyncResult<Folder> beginGetFolder(FolderId folder, @Nullable AsyncCallback<Folder> callback, @Nullable Object state);

    Folder endGetFolder(AsyncResult<Folder> result);

    AsyncResult<List<Folder>> beginFindFolders(FolderId parent, boolean deep, @Nullable AsyncCallback<List<Folder>> callback, @Nullable Object state);

    List<Folder> endFindFolders(AsyncResult<List<Folder>> result);

    AsyncResult<Folder> beginCreateFolder(FolderId parent, String displayName, @Nullable AsyncCallback<Folder> callback, @Nullable Object state);

    Folder endCreateFolder(AsyncResult<Folder> result);

    AsyncResult<Void> beginDeleteFolder(FolderId folder, DeleteMode mode, @Nullable AsyncCallback<Void> callback, @Nullable Object state);

    void endDeleteFolder(AsyncResult<Void> result);
}
