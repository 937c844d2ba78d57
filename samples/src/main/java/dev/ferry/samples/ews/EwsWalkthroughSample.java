package dev.ferry.samples.ews;

import dev.ferry.ews.AsyncTokenProvider;
import dev.ferry.ews.EwsClient;
import dev.ferry.ews.EwsCredentials;
import dev.ferry.ews.EwsOptions;
import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.FetchedMessage;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.ItemField;
import dev.ferry.ews.model.ItemId;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.MailAttachment;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * The asynchronous EWS walk-through users of Aspose.Email's async client know, step by step in
 * Reactor: a token provider, connect, send, append, fetch with attachments, copy, delete an item,
 * update an item, create and delete a folder, find, and cancel a call in flight.
 *
 * <p>Nothing here blocks until the very end: each step is a {@code Mono} that starts when the one
 * before it has finished, the way {@code await} chains the .NET sample's steps.
 */
public final class EwsWalkthroughSample {
    private static final Duration WALKTHROUGH_DEADLINE = Duration.ofMinutes(2);

    private EwsWalkthroughSample() {
    }

    /** Runs every step against {@code endpoint} as {@code mailbox} and prints what each one did. */
    public static void run(URI endpoint, AsyncTokenProvider tokens, String mailbox, PrintStream out) {
        EwsOptions options = EwsOptions.builder()
                .impersonate(mailbox)          // ExchangeImpersonation + X-AnchorMailbox
                .userAgent("FerryTour/0.1")
                .build();

        tokens.getAccessToken(false)
                .doOnNext(token -> out.println("  token provider: a token valid until " + token.expiresOn()))
                .then(EwsClient.connect(endpoint, EwsCredentials.oauth(tokens), options))
                .doOnNext(ews -> out.println("  connected to " + ews.endpoint() + " (server " + ews.serverVersion() + ")"))
                .flatMap(ews -> walkthrough(ews, mailbox, out))
                .block(WALKTHROUGH_DEADLINE);
    }

    private static Mono<Void> walkthrough(EwsClient ews, String mailbox, PrintStream out) {
        MailMessage report = MailMessage.builder()
                .from(mailbox).to(mailbox)
                .subject("Ferry tour: quarterly report")
                .textBody("Figures attached.")
                .attach(MailAttachment.of("figures.csv", "text/csv", "quarter,revenue\nQ3,100\n".getBytes(StandardCharsets.UTF_8)))
                .build();
        MailMessage second = report.toBuilder().subject("Ferry tour: second").build();

        return ews.send(report, SendMode.SEND_AND_SAVE_COPY)
                .doOnSuccess(v -> out.println("  send: sent, a copy saved in Sent Items"))
                .then(ews.appendMessages(FolderId.INBOX, List.of(report, second)))
                .doOnNext(ids -> out.println("  append: " + ids.size() + " messages into the Inbox, ids in order (not drafts)"))
                .flatMap(ids -> fetchWithAttachments(ews, ids.get(0), out)
                        .then(copyThenDelete(ews, ids.get(0), out))
                        .then(update(ews, ids.get(1), out)))
                .then(createAndDeleteFolder(ews, out))
                .then(ews.findItems(FindItemsQuery.of(FolderId.INBOX)).count())
                .doOnNext(n -> out.println("  find: the Inbox holds " + n + " item(s), paged through as a Flux"))
                .then(cancelInFlight(ews, out));
    }

    /** The message with its MIME parsed, then its first attachment streamed: never all in memory at once. */
    private static Mono<Void> fetchWithAttachments(EwsClient ews, ItemId id, PrintStream out) {
        return ews.fetchMessage(id)
                .doOnNext(fetched -> out.println("  fetch: '" + fetched.message().subject() + "', " + fetched.mimeSize()
                        + " bytes of MIME, " + fetched.item().attachments().size() + " attachment(s)"))
                .map(FetchedMessage::item)
                .flatMap(item -> ews.attachmentContent(item.attachments().get(0).id())
                        .map(ByteBuffer::remaining)
                        .reduce(0L, Long::sum))
                .doOnNext(bytes -> out.println("  fetch: attachment streamed, " + bytes + " bytes"))
                .then();
    }

    private static Mono<Void> copyThenDelete(EwsClient ews, ItemId id, PrintStream out) {
        return ews.copyItem(id, FolderId.DRAFTS)
                .doOnNext(copy -> out.println("  copy: into Drafts, new id " + abbreviate(copy.id())))
                .flatMap(copy -> ews.deleteItem(copy, DeleteMode.HARD_DELETE))
                .doOnSuccess(v -> out.println("  delete item: the copy, for good (HardDelete)"));
    }

    private static Mono<Void> update(EwsClient ews, ItemId id, PrintStream out) {
        ItemUpdate update = ItemUpdate.builder(id)
                .set(ItemField.IS_READ, false)
                .set(ItemField.SUBJECT, "Ferry tour: second (unread)")
                .build();
        return ews.updateItem(update)
                .doOnNext(updated -> out.println("  update item: subject and read flag set, new ChangeKey " + updated.changeKey()))
                .then();
    }

    private static Mono<Void> createAndDeleteFolder(EwsClient ews, PrintStream out) {
        return ews.createFolder(FolderId.MSG_FOLDER_ROOT, "Ferry tour")
                .doOnNext(folder -> out.println("  create folder: '" + folder.displayName() + "'"))
                .map(Folder::id)
                .flatMap(folder -> ews.deleteFolder(folder, DeleteMode.HARD_DELETE))
                .doOnSuccess(v -> out.println("  delete folder: permanently"));
    }

    /**
     * Cancelling a call closes its exchange and frees its place in the mailbox's concurrency limit;
     * the client goes on working. Shown with the future view, as .NET code would cancel a token.
     */
    private static Mono<Void> cancelInFlight(EwsClient ews, PrintStream out) {
        return Mono.defer(() -> {
            CompletableFuture<Folder> inbox = ews.futures().getFolder(FolderId.INBOX);
            boolean cancelled = inbox.cancel(true);
            String outcome;
            try {
                inbox.join();
                outcome = "it had already finished";
            } catch (CancellationException expected) {
                outcome = "join() throws CancellationException";
            }
            out.println("  cancel: GetFolder cancelled in flight: " + cancelled + ", " + outcome);
            return ews.getFolder(FolderId.INBOX)
                    .doOnNext(folder -> out.println("  after the cancel the client still works: the Inbox has "
                            + folder.totalCount() + " item(s)"))
                    .then();
        });
    }

    private static String abbreviate(String id) {
        return id.length() <= 12 ? id : id.substring(0, 12) + "...";
    }
}
