package dev.ferry.core.internal.call;

import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Implements a view interface (futures, Begin/End callbacks, blocking) over a reactive client by
 * matching each view method to the reactive method of the same name and parameters and adapting
 * the result. Every view method is matched when the view is created, so a view that does not fit
 * its client fails at once, naming the methods that have no counterpart.
 */
public final class ViewHandler implements InvocationHandler {

    /** The call style a view offers. */
    public enum Style { FUTURE, CALLBACK, BLOCKING }

    @FunctionalInterface
    private interface Invoker {
        @Nullable Object invoke(Object proxy, @Nullable Object[] args) throws Throwable;
    }

    private final String description;
    private final Map<Method, Invoker> invokers;

    private ViewHandler(String description, Map<Method, Invoker> invokers) {
        this.description = description;
        this.invokers = invokers;
    }

    /**
     * Creates the view.
     *
     * @param view the view interface
     * @param reactiveType the reactive interface whose methods the view adapts
     * @param target an implementation of {@code reactiveType}
     * @param executor where futures complete and callbacks run
     */
    public static <V> V create(Class<V> view, Class<?> reactiveType, Object target, Style style, Executor executor) {
        if (!view.isInterface()) {
            throw new IllegalArgumentException(view.getName() + " must be an interface to serve as a view");
        }
        if (!reactiveType.isInstance(target)) {
            throw new IllegalArgumentException(target.getClass().getName() + " is not a " + reactiveType.getName());
        }
        Map<Method, Invoker> invokers = new HashMap<>();
        List<String> unmatched = new ArrayList<>();
        for (Method method : view.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                // A static helper of the view interface is never called through the proxy: nothing to match.
                continue;
            }
            Invoker invoker = method.isDefault() ? defaultMethod(method) : plan(method, reactiveType, target, style, executor);
            if (invoker == null) {
                unmatched.add(signature(method));
            } else {
                invokers.put(method, invoker);
            }
        }
        if (!unmatched.isEmpty()) {
            throw new IllegalArgumentException(view.getSimpleName() + " (" + style + ") has methods with no counterpart in "
                    + reactiveType.getSimpleName() + ": " + String.join(", ", unmatched));
        }
        ViewHandler handler = new ViewHandler(view.getSimpleName() + " view of " + target, Map.copyOf(invokers));
        return view.cast(Proxy.newProxyInstance(view.getClassLoader(), new Class<?>[] {view}, handler));
    }

    /** The view methods of {@code view} that cannot be matched to {@code reactiveType}; empty when all fit. */
    public static List<String> unmatched(Class<?> view, Class<?> reactiveType, Style style) {
        List<String> unmatched = new ArrayList<>();
        for (Method method : view.getMethods()) {
            if (!method.isDefault() && !Modifier.isStatic(method.getModifiers())
                    && plan(method, reactiveType, null, style, Runnable::run) == null) {
                unmatched.add(signature(method));
            }
        }
        return unmatched;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
        Invoker invoker = invokers.get(method);
        if (invoker != null) {
            return invoker.invoke(proxy, args);
        }
        return switch (method.getName()) {
            case "toString" -> description;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    private static Invoker defaultMethod(Method method) {
        return (proxy, args) -> InvocationHandler.invokeDefault(proxy, method, args);
    }

    private static @Nullable Invoker plan(Method method, Class<?> reactiveType, @Nullable Object target, Style style,
                                          Executor executor) {
        if (style == Style.CALLBACK) {
            if (method.getName().startsWith("end") && method.getParameterCount() == 1
                    && method.getParameterTypes()[0] == AsyncResult.class) {
                return planEnd(method, reactiveType);
            }
            if (method.getName().startsWith("begin") && method.getReturnType() == AsyncResult.class) {
                return planBegin(method, reactiveType, target, executor);
            }
        }
        Method source = find(reactiveType, method.getName(), method.getParameterTypes());
        if (source == null) {
            return null;
        }
        Class<?> from = source.getReturnType();
        Class<?> to = method.getReturnType();
        if (to.isAssignableFrom(from) && !(style == Style.BLOCKING && isReactive(from))) {
            return (proxy, args) -> call(source, target, args);
        }
        if (!isReactive(from)) {
            return null;
        }
        String operation = source.getName();
        if (style == Style.FUTURE && to == CompletableFuture.class) {
            if (from == Flux.class && !typeArgumentIs(method.getGenericReturnType(), List.class)) {
                return null;
            }
            return (proxy, args) -> {
                try {
                    return CancellableFuture.of(asMono(call(source, target, args)), executor);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            };
        }
        if (style == Style.BLOCKING) {
            if (from == Mono.class) {
                return (proxy, args) -> BlockingCall.await((Mono<?>) call(source, target, args), operation);
            }
            if (to == List.class) {
                return (proxy, args) -> BlockingCall.await(((Flux<?>) call(source, target, args)).collectList(), operation);
            }
            if (to == Stream.class) {
                return (proxy, args) -> {
                    Await.refuseOnEventLoop("blocking " + operation);
                    return ((Flux<?>) call(source, target, args)).toStream();
                };
            }
            if (to == Iterable.class) {
                return (proxy, args) -> {
                    Await.refuseOnEventLoop("blocking " + operation);
                    return ((Flux<?>) call(source, target, args)).toIterable();
                };
            }
        }
        return null;
    }

    private static @Nullable Invoker planBegin(Method method, Class<?> reactiveType, @Nullable Object target, Executor executor) {
        Class<?>[] params = method.getParameterTypes();
        int n = params.length;
        if (n < 2 || params[n - 2] != AsyncCallback.class || params[n - 1] != Object.class) {
            return null;
        }
        String operation = decapitalize(method.getName().substring("begin".length()));
        Method source = find(reactiveType, operation, Arrays.copyOf(params, n - 2));
        if (source == null || !isReactive(source.getReturnType())) {
            return null;
        }
        return (proxy, args) -> {
            @SuppressWarnings("unchecked")
            AsyncCallback<Object> callback = (AsyncCallback<Object>) args[n - 2];
            BeginEndCall<Object> call = new BeginEndCall<>(proxy, operation, callback, args[n - 1], executor);
            Mono<Object> mono;
            try {
                mono = asMono(call(source, target, Arrays.copyOf(args, n - 2)));
            } catch (RuntimeException e) {
                call.failNow(e);
                return call;
            }
            call.start(mono);
            return call;
        };
    }

    private static @Nullable Invoker planEnd(Method method, Class<?> reactiveType) {
        String operation = decapitalize(method.getName().substring("end".length()));
        boolean hasBegin = Arrays.stream(reactiveType.getMethods()).anyMatch(m -> m.getName().equals(operation) && isReactive(m.getReturnType()));
        if (!hasBegin) {
            return null;
        }
        return (proxy, args) -> {
            if (!(args[0] instanceof BeginEndCall<?> call) || call.view != proxy || !call.operation.equals(operation)) {
                throw new IllegalArgumentException(method.getName() + " was given " + args[0]
                        + ", which did not come from begin" + method.getName().substring(3) + " of this client");
            }
            return call.end();
        };
    }

    @SuppressWarnings("unchecked")
    private static Mono<Object> asMono(Object reactive) {
        if (reactive instanceof Mono<?> mono) {
            return (Mono<Object>) mono;
        }
        return (Mono<Object>) (Mono<?>) ((Flux<?>) reactive).collectList();
    }

    private static @Nullable Object call(Method source, @Nullable Object target, @Nullable Object[] args) {
        try {
            return source.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw Await.rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + source, e);
        }
    }

    private static @Nullable Method find(Class<?> type, String name, Class<?>[] params) {
        try {
            Method m = type.getMethod(name, params);
            return Modifier.isStatic(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static boolean isReactive(Class<?> type) {
        return type == Mono.class || type == Flux.class;
    }

    private static boolean typeArgumentIs(Type type, Class<?> expected) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            Type arg = p.getActualTypeArguments()[0];
            return arg == expected || (arg instanceof ParameterizedType pa && pa.getRawType() == expected);
        }
        return false;
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String signature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? ", " : "").append(params[i].getSimpleName());
        }
        return sb.append(')').toString();
    }
}
