package dev.ferry.ews;

import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import dev.ferry.ews.internal.EwsClientImpl;
import dev.ferry.ews.internal.EwsConnector;
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
import dev.ferry.ews.model.ServerVersion;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A non-blocking Exchange Web Services client for one mailbox (the credentials' own, or the one it
 * impersonates). Every operation is a cold {@code Mono} or {@code Flux}: nothing is sent until it is
 * subscribed, and cancelling the subscription cancels the exchange. The same operations are offered
 * as futures ({@link #futures()}), Begin/End callbacks ({@link #callbacks()}) and blocking calls
 * ({@link #blocking()}), and so is connect ({@link #connectFuture}, {@link #beginConnect} with
 * {@link #endConnect}, {@link #connectBlocking}).
 *
 * <pre>{@code
 * EwsClient.connect(EwsClient.EXCHANGE_ONLINE, EwsCredentials.oauth(tokens),
 *                 EwsOptions.builder().impersonate("sadie@contoso.com").build())
 *         .flatMap(ews -> ews.send(message, SendMode.SEND_AND_SAVE_COPY))
 *         .block();
 * }</pre>
 *
 * <p>A client is immutable and thread-safe. It keeps each mailbox within Exchange's throttling
 * budgets: a few requests in flight at a time, waiting as long as ErrorServerBusy asks, fewer at once
 * after ErrorExceededConnectionCount. On a 401 it fetches a new token once and tries once more.
 * Reads are retried on transient failures; sends, creates, moves, deletes and updates only when the
 * request provably never reached the server.
 */
public interface EwsClient {
    /** The EWS endpoint of Exchange Online. */
    URI EXCHANGE_ONLINE = URI.create("https://outlook.office365.com/EWS/Exchange.asmx");

    /**
     * Connects: checks the endpoint, credentials and mailbox with one cheap call (GetFolder of the
     * mailbox root) and yields the client once it worked, so that a wrong password or a missing
     * permission shows here rather than on the first real operation.
     */
    static Mono<EwsClient> connect(URI endpoint, EwsCredentials credentials, EwsOptions options) {
        return EwsClientImpl.connect(endpoint, credentials, options);
    }

    static Mono<EwsClient> connect(URI endpoint, EwsCredentials credentials) {
        return connect(endpoint, credentials, EwsOptions.defaults());
    }

    /** {@link #connect} as a future: cancelling it cancels the connect; it completes off the event loops. */
    static CompletableFuture<EwsClient> connectFuture(URI endpoint, EwsCredentials credentials, EwsOptions options) {
        return EwsConnector.FUTURES.connect(endpoint, credentials, options);
    }

    /**
     * {@link #connect} as the Begin of a Begin/End pair: returns at once; the callback runs once, off
     * the event loops; {@link #endConnect} returns the client or throws why it could not connect.
     */
    static AsyncResult<EwsClient> beginConnect(URI endpoint, EwsCredentials credentials, EwsOptions options,
                                               @Nullable AsyncCallback<EwsClient> callback, @Nullable Object state) {
        return EwsConnector.CALLBACKS.beginConnect(endpoint, credentials, options, callback, state);
    }

    static EwsClient endConnect(AsyncResult<EwsClient> result) {
        return EwsConnector.CALLBACKS.endConnect(result);
    }

    /** {@link #connect} as a blocking call; never call it on an event loop. */
    static EwsClient connectBlocking(URI endpoint, EwsCredentials credentials, EwsOptions options) {
        return EwsConnector.BLOCKING.connect(endpoint, credentials, options);
    }

    URI endpoint();

    EwsOptions options();

    /** What the server reported at connect (and on the latest response). */
    ServerVersion serverVersion();

    /** Sends a message; with {@link SendMode#SEND_AND_SAVE_COPY} a copy goes to Sent Items. Exchange returns no id. */
    Mono<Void> send(MailMessage message, SendMode mode);

    /** Fetches a message with its MIME, parsed (attachments included), and the attachments' ids and sizes. */
    Mono<FetchedMessage> fetchMessage(ItemId id);

    /** What Exchange says about an item (subject, folder, attachments' ids), without its MIME. */
    Mono<ItemInfo> getItem(ItemId id);

    /** The item's MIME, decoded as it arrives and never held whole; bounded by {@link EwsOptions#maxAttachmentBytes()}. */
    Flux<ByteBuffer> mimeContent(ItemId id);

    /**
     * An attachment's content, decoded as it arrives and never held whole; an attached item comes as
     * its MIME. Bounded by {@link EwsOptions#maxAttachmentBytes()}.
     */
    Flux<ByteBuffer> attachmentContent(AttachmentId id);

    /** Writes an attachment's content to a file (replacing it) and yields the number of bytes written. */
    Mono<Long> downloadAttachment(AttachmentId id, Path target);

    /**
     * Stores messages in a folder, as received mail (not drafts), and yields their ids in order. If
     * any message fails, fails with that item's {@link EwsException} (see {@link #appendMessagesEach}
     * to learn the ids of the ones that were stored).
     */
    Mono<List<ItemId>> appendMessages(FolderId folder, List<MailMessage> messages);

    /** Stores messages in a folder and yields each one's outcome, in order. */
    Mono<List<ItemOutcome<ItemId>>> appendMessagesEach(FolderId folder, List<MailMessage> messages);

    Mono<ItemId> appendMessage(FolderId folder, MailMessage message);

    /** Copies an item; yields the copy's id, or completes empty when Exchange returns none (another mailbox). */
    Mono<ItemId> copyItem(ItemId id, FolderId target);

    /** Moves an item; yields its new id, or completes empty when Exchange returns none. */
    Mono<ItemId> moveItem(ItemId id, FolderId target);

    Mono<Void> deleteItem(ItemId id, DeleteMode mode);

    /** Deletes items and yields each one's outcome, in order (one missing item does not fail the rest). */
    Mono<List<ItemOutcome<ItemId>>> deleteItems(List<ItemId> ids, DeleteMode mode);

    /** Applies an update and yields the item's id with its new ChangeKey. */
    Mono<ItemId> updateItem(ItemUpdate update);

    /** Every item of a folder that matches, paging through all of them as they are consumed. */
    Flux<ItemInfo> findItems(FindItemsQuery query);

    Mono<Folder> getFolder(FolderId folder);

    /** The folder's subfolders (with {@code deep}, all their subfolders too), paging through all of them. */
    Flux<Folder> findFolders(FolderId parent, boolean deep);

    /** Creates a mail folder and yields it. */
    Mono<Folder> createFolder(FolderId parent, String displayName);

    /** Deletes a folder and everything in it; distinguished folders cannot be deleted. */
    Mono<Void> deleteFolder(FolderId folder, DeleteMode mode);

    /** The operations as {@code CompletableFuture}s. */
    EwsFutures futures();

    /** The operations as Begin/End pairs with an {@link dev.ferry.core.call.AsyncResult}. */
    EwsCallbacks callbacks();

    /** The operations as blocking calls; never call them on an event loop. */
    EwsBlocking blocking();
}
