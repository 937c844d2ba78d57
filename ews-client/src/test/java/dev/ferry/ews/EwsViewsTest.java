package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.call.CallViews;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EwsViewsTest {

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

    private static Set<String> names(Class<?> view) {
        return Arrays.stream(view.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }
}
