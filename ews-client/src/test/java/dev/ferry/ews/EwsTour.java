package dev.ferry.ews;

import dev.ferry.ews.model.DeleteMode;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.ItemField;
import dev.ferry.ews.model.ItemUpdate;
import dev.ferry.ews.model.MailAttachment;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import dev.ferry.testkit.ews.MockExchange;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The EWS part of the Ferry tour: the walk-through Aspose.Email's async EWS client users know, in
 * Reactor. With no arguments it starts the testkit's mock Exchange and runs against it; with
 * {@code <tenant> <client id> <client secret> <mailbox>} it runs against Exchange Online (for an app
 * allowed to use EWS there).
 */
public final class EwsTour {
    private EwsTour() {
    }

    public static void main(String[] args) {
        if (args.length == 4) {
            EntraTokenProvider tokens = EntraTokenProvider.builder(args[0], args[1], args[2]).build();
            run(EwsClient.EXCHANGE_ONLINE, tokens, args[3], System.out);
            return;
        }
        try (MockExchange exchange = MockExchange.startWithSharedSchema()
                .orElseThrow(() -> new IllegalStateException("../shared/ews/schema is needed to run the tour against the mock"))) {
            exchange.mailbox("sadie@contoso.com").registerApp("tour-app", "tour-secret");
            EntraTokenProvider tokens = EntraTokenProvider.builder("contoso.onmicrosoft.com", "tour-app", "tour-secret")
                    .authority(exchange.authority()).build();
            run(exchange.endpoint(), tokens, "sadie@contoso.com", System.out);
        }
    }

    /** Runs every step and prints what each one did; fails with the first step's error. */
    static void run(URI endpoint, AsyncTokenProvider tokens, String mailbox, PrintStream out) {
        EwsOptions options = EwsOptions.builder().impersonate(mailbox).userAgent("FerryTour/0.1").build();
        MailMessage report = MailMessage.builder()
                .from(mailbox).to(mailbox)
                .subject("Ferry tour: quarterly report")
                .textBody("Figures attached.")
                .attach(MailAttachment.of("figures.csv", "text/csv", "quarter,revenue\nQ3,100\n".getBytes(StandardCharsets.UTF_8)))
                .build();

        EwsClient.connect(endpoint, EwsCredentials.oauth(tokens), options)
                .doOnNext(ews -> out.println("connected to " + ews.endpoint() + ", server " + ews.serverVersion()))
                .flatMap(ews -> ews.send(report, SendMode.SEND_AND_SAVE_COPY)
                        .doOnSuccess(v -> out.println("sent, copy saved in Sent Items"))
                        .then(ews.appendMessages(FolderId.INBOX, List.of(report, report.toBuilder().subject("Ferry tour: second").build())))
                        .doOnNext(ids -> out.println("appended " + ids.size() + " messages"))
                        .flatMap(ids -> ews.fetchMessage(ids.get(0))
                                .doOnNext(m -> out.println("fetched '" + m.message().subject() + "' with "
                                        + m.item().attachments().size() + " attachment(s)"))
                                .flatMap(m -> ews.attachmentContent(m.item().attachments().get(0).id())
                                        .map(ByteBuffer::remaining).reduce(0, Integer::sum))
                                .doOnNext(bytes -> out.println("attachment streamed: " + bytes + " bytes"))
                                .then(ews.copyItem(ids.get(0), FolderId.DRAFTS))
                                .doOnNext(copy -> out.println("copied, new id " + copy.id().substring(0, 12) + "..."))
                                .flatMap(copy -> ews.deleteItem(copy, DeleteMode.HARD_DELETE))
                                .doOnSuccess(v -> out.println("copy deleted for good"))
                                .then(ews.updateItem(ItemUpdate.builder(ids.get(1)).set(ItemField.IS_READ, false)
                                        .set(ItemField.SUBJECT, "Ferry tour: second (unread)").build()))
                                .doOnNext(updated -> out.println("updated, new ChangeKey " + updated.changeKey())))
                        .then(ews.createFolder(FolderId.MSG_FOLDER_ROOT, "Ferry tour"))
                        .flatMap(folder -> ews.deleteFolder(folder.id(), DeleteMode.HARD_DELETE))
                        .doOnSuccess(v -> out.println("folder created and deleted"))
                        .then(ews.findItems(dev.ferry.ews.model.FindItemsQuery.of(FolderId.INBOX)).count())
                        .doOnNext(n -> out.println("inbox holds " + n + " item(s)")))
                .then(Mono.fromRunnable(() -> out.println("tour done")))
                .block();
    }
}
