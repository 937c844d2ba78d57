package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.call.CallViews;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every operation of the reactive client is offered by each of the other three call styles, and nothing else is. */
class ViewCoverageTest {

    private static List<Method> operations() {
        return Arrays.stream(S3Client.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == Mono.class || m.getReturnType() == Flux.class)
                .toList();
    }

    private static Set<String> names(Class<?> view) {
        return Arrays.stream(view.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    @Test
    void theReactiveClientHasTheOperationsThisTestExpects() {
        assertThat(operations()).extracting(Method::getName)
                .contains("putObject", "getObject", "uploadPart", "completeMultipartUpload", "listObjects", "presignGetObject")
                .hasSizeGreaterThanOrEqualTo(21);
    }

    @Test
    void everyOperationIsAFuture() throws NoSuchMethodException {
        for (Method op : operations()) {
            Method view = S3FutureClient.class.getMethod(op.getName(), op.getParameterTypes());
            assertThat(view.getReturnType()).as(op.getName()).isEqualTo(java.util.concurrent.CompletableFuture.class);
        }
        assertThat(CallViews.unmatchedFutures(S3FutureClient.class, S3Client.class)).isEmpty();
        assertThat(S3FutureClient.class.getMethods()).hasSameSizeAs(operations());
    }

    @Test
    void everyOperationIsABlockingCall() throws NoSuchMethodException {
        for (Method op : operations()) {
            S3BlockingClient.class.getMethod(op.getName(), op.getParameterTypes());
        }
        assertThat(CallViews.unmatchedBlocking(S3BlockingClient.class, S3Client.class)).isEmpty();
        assertThat(S3BlockingClient.class.getMethods()).hasSameSizeAs(operations());
    }

    @Test
    void everyOperationIsABeginEndPair() {
        Set<String> callbacks = names(S3CallbackClient.class);
        for (Method op : operations()) {
            String suffix = Character.toUpperCase(op.getName().charAt(0)) + op.getName().substring(1);
            assertThat(callbacks).as(op.getName()).contains("begin" + suffix, "end" + suffix);
        }
        assertThat(CallViews.unmatchedCallbacks(S3CallbackClient.class, S3Client.class)).isEmpty();
        assertThat(S3CallbackClient.class.getMethods()).hasSize(2 * operations().size());
    }
}
