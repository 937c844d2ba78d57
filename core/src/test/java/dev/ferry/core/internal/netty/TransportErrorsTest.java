package dev.ferry.core.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import dev.ferry.core.TransportException.Reason;
import dev.ferry.core.http.HttpRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TransportErrorsTest {
    private final HttpRequest request = HttpRequest.builder("PUT", URI.create("https://s3.example.com")).path("/b/k")
            .operation("PutObject").build();

    private TransportException translate(Throwable error, ExchangeState state) {
        Throwable t = TransportErrors.translate(error, state, request);
        assertThat(t).isInstanceOf(TransportException.class);
        return (TransportException) t;
    }

    private static ExchangeState started(boolean started) {
        ExchangeState s = new ExchangeState();
        s.requestStarted = started;
        return s;
    }

    @Test
    void connectFailuresSayTheRequestWasNotSent() {
        TransportException refused = translate(new ConnectException("Connection refused"), started(false));
        assertThat(refused.reason()).isEqualTo(Reason.CONNECT_FAILED);
        assertThat(refused.requestSent()).isFalse();
        assertThat(refused.getMessage()).isEqualTo("PutObject PUT https://s3.example.com/b/k: cannot connect: Connection refused");

        assertThat(translate(new UnknownHostException("s3.example.com"), started(false)).reason()).isEqualTo(Reason.CONNECT_FAILED);
    }

    @Test
    void tlsFailuresAreNotTransient() {
        TransportException tls = translate(new SSLHandshakeException("PKIX path building failed"), started(true));

        assertThat(tls.reason()).isEqualTo(Reason.TLS_FAILED);
        assertThat(tls.isTransient()).isFalse();
    }

    @Test
    void otherIoFailuresSayHowFarTheExchangeGot() {
        ExchangeState reading = started(true);
        reading.requestWritten = true;
        reading.responseReceived = true;

        TransportException io = translate(new IOException("Connection reset by peer"), reading);

        assertThat(io.reason()).isEqualTo(Reason.IO_FAILED);
        assertThat(io.requestSent()).isTrue();
        assertThat(io.getMessage()).contains("while the response was being read");
        assertThat(translate(new IOException("x"), started(false)).getMessage()).contains("before the request was sent");
    }

    @Test
    void ferryExceptionsAndUnknownErrorsPassThroughUntouched() {
        ServiceException service = new ServiceException("NoSuchKey", 404, "NoSuchKey", null, false, false, null, null);
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(TransportErrors.translate(service, started(true), request)).isSameAs(service);
        assertThat(TransportErrors.translate(bug, started(true), request)).isSameAs(bug);
    }
}
