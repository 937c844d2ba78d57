package dev.ferry.samples.webflux;

import dev.ferry.ews.EwsClient;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Sends mail through Exchange (a 503 until {@code ferry.ews.*} configures a client). */
@RestController
class MailController {
    private final ObjectProvider<EwsClient> ews;

    MailController(ObjectProvider<EwsClient> ews) {
        this.ews = ews;
    }

    /** The client, or a 503 saying what to configure: the app runs with whichever services it was given. */
    private EwsClient client() {
        EwsClient client = ews.getIfAvailable();
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "EWS is not configured: set ferry.ews.*");
        }
        return client;
    }

    record Mail(@Nullable List<String> to, @Nullable String subject, @Nullable String text) {
    }

    @PostMapping("/mail")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> send(@RequestBody Mail mail) {
        if (mail.to() == null || mail.to().isEmpty()) {
            return Mono.error(new ServerWebInputException("'to' must name at least one recipient"));
        }
        MailMessage message = MailMessage.builder()
                .to(mail.to().toArray(String[]::new))
                .subject(mail.subject() == null ? "" : mail.subject())
                .textBody(mail.text())
                .build();
        return client().send(message, SendMode.SEND_AND_SAVE_COPY);
    }
}
