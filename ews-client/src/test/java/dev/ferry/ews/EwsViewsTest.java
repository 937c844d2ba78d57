package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.core.call.CallViews;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EwsViewsTest {
    private static final URI ENDPOINT = URI.create("https://mail.contoso.com/EWS/Exchange.asmx");
    private static final EwsCredentials BASIC = EwsCredentials.basic("sadie@contoso.com", "secret");

    @Test
    void everyViewMethodMatchesAReactiveOperation() {
        assertThat(CallViews.unmatchedFutures(EwsFutures.class, EwsClient.class)).isEmpty();
        assertThat(CallViews.unmatchedCallbacks(EwsCallbacks.class, EwsClient.class)).isEmpty();
        assertThat(CallViews.unmatchedBlocking(EwsBlocking.class, EwsClient.class)).isEmpty();
    }

    @Test
    void everyReactiveOperationIsOfferedInEveryView() {
        Set<String> operations = Arrays.stream(EwsClient.class.getMethods())
                .filter(m -> m.getReturnType() == reactor.core.publisher.Mono.class || m.getReturnType() == reactor.core.publisher.Flux.class)
                .filter(m -> !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toSet());
        assertThat(names(EwsFutures.class)).isEqualTo(operations);
        assertThat(names(EwsBlocking.class)).isEqualTo(operations);
        Set<String> begins = names(EwsCallbacks.class).stream().filter(n -> n.startsWith("begin"))
                .map(n -> Character.toLowerCase(n.charAt(5)) + n.substring(6)).collect(Collectors.toSet());
        Set<String> ends = names(EwsCallbacks.class).stream().filter(n -> n.startsWith("end"))
                .map(n -> Character.toLowerCase(n.charAt(3)) + n.substring(4)).collect(Collectors.toSet());
        assertThat(begins).isEqualTo(operations);
        assertThat(ends).isEqualTo(operations);
    }

    @Test
    void connectIsOfferedBlockingAsAFutureAndAsABeginEndPair() throws Exception {
        byte[] probe = SampleResponsesTest.PROBE.getBytes(StandardCharsets.UTF_8);
        ScriptedEngine engine = new ScriptedEngine(7).then(200, "text/xml; charset=utf-8", probe)
                .then(200, "text/xml; charset=utf-8", probe).then(200, "text/xml; charset=utf-8", probe);
        EwsOptions options = EwsOptions.builder().engine(engine).build();

        assertThat(EwsClient.connectBlocking(ENDPOINT, BASIC, options).endpoint()).isEqualTo(ENDPOINT);
        assertThat(EwsClient.connectFuture(ENDPOINT, BASIC, options).get(10, TimeUnit.SECONDS).endpoint()).isEqualTo(ENDPOINT);
        AsyncResult<EwsClient> connecting = EwsClient.beginConnect(ENDPOINT, BASIC, options, null, "state");
        assertThat(connecting.waitHandle().await(Duration.ofSeconds(10))).isTrue();
        assertThat(EwsClient.endConnect(connecting).endpoint()).isEqualTo(ENDPOINT);
        assertThat(engine.requests()).as("each style sent its one probe").hasSize(3)
                .allSatisfy(r -> assertThat(r.operation()).isEqualTo("GetFolder"));
    }

    @Test
    void connectInEveryStyleFailsWithTheErrorOfTheReactiveConnect() throws Exception {
        URI ftp = URI.create("ftp://mail.contoso.com/EWS/Exchange.asmx");
        EwsOptions options = EwsOptions.defaults();

        assertThatThrownBy(() -> EwsClient.connectBlocking(ftp, BASIC, options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an https:// URL");
        assertThat(EwsClient.connectFuture(ftp, BASIC, options)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(IllegalArgumentException.class);
        AsyncResult<EwsClient> connecting = EwsClient.beginConnect(ftp, BASIC, options, null, "state");
        assertThat(connecting.waitHandle().await(Duration.ofSeconds(10))).isTrue();
        assertThatThrownBy(() -> EwsClient.endConnect(connecting))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an https:// URL");
        assertThat(connecting.asyncState()).isEqualTo("state");
    }

    private static Set<String> names(Class<?> view) {
        return Arrays.stream(view.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }
}
