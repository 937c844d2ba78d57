package dev.ferry.ews.internal;

import dev.ferry.core.FerryException;
import dev.ferry.core.call.CallViews;
import dev.ferry.core.client.RequestPipeline;
import dev.ferry.core.client.RequestSigner;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.xml.XmlException;
import dev.ferry.ews.AccessToken;
import dev.ferry.ews.EwsBlocking;
import dev.ferry.ews.EwsCallbacks;
import dev.ferry.ews.EwsClient;
import dev.ferry.ews.EwsCredentials;
import dev.ferry.ews.EwsException;
import dev.ferry.ews.EwsFutures;
import dev.ferry.ews.EwsOptions;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The {@link EwsClient}: each operation is an envelope from {@link SoapRequests} through the gate and the pipeline. */
public final class EwsClientImpl implements EwsClient {
    /** Codes after which the same request may succeed later. */
    private static final Set<String> TRANSIENT_CODES = Set.of(EwsException.ERROR_SERVER_BUSY, EwsException.ERROR_EXCEEDED_CONNECTION_COUNT,
            "ErrorTooManyObjectsOpened", "ErrorInternalServerTransientError", "ErrorMailboxStoreUnavailable", "ErrorTimeoutExpired",
            "ErrorConnectionFailed", "ErrorMailboxMoveInProgress", "ErrorBatchProcessingStopped");
    private static final Set<String> THROTTLING_CODES = Set.of(EwsException.ERROR_SERVER_BUSY,
            EwsException.ERROR_EXCEEDED_CONNECTION_COUNT, "ErrorTooManyObjectsOpened");
    /** How long a mailbox is held after a 503 that did not say how long. */
    private static final Duration DEFAULT_503_BACKOFF = Duration.ofSeconds(2);

    private final URI endpoint;
    private final EwsCredentials credentials;
    private final EwsOptions options;
    private final HttpEngine engine;
    private final SoapRequests soap;
    private final ThrottlingGate gate;
    private final String mailboxKey;
    private final @Nullable String basicAuthorization;
    private final SingleFlight<AccessToken> refreshing = new SingleFlight<>();
    private volatile @Nullable AccessToken lastRefreshed;
    private volatile ServerVersion serverVersion = ServerVersion.UNKNOWN;
    private final EwsFutures futures;
    private final EwsCallbacks callbacks;
    private final EwsBlocking blocking;

    private EwsClientImpl(URI endpoint, EwsCredentials credentials, EwsOptions options) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.options = options;
        this.engine = options.engine() != null ? options.engine() : HttpEngine.shared();
        this.soap = new SoapRequests(options.serverVersion(), options.impersonatedMailbox());
        this.gate = new ThrottlingGate(options.maxConcurrentRequestsPerMailbox(), Schedulers.parallel());
        if (credentials instanceof EwsCredentials.Basic basic) {
            this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                    (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8));
            this.mailboxKey = options.impersonatedMailbox() != null ? options.impersonatedMailbox() : basic.username();
        } else {
            this.basicAuthorization = null;
            this.mailboxKey = options.impersonatedMailbox() != null ? options.impersonatedMailbox() : "(token owner)";
        }
        this.futures = CallViews.futures(EwsFutures.class, EwsClient.class, this);
        this.callbacks = CallViews.callbacks(EwsCallbacks.class, EwsClient.class, this);
        this.blocking = CallViews.blocking(EwsBlocking.class, EwsClient.class, this);
    }

    public static Mono<EwsClient> connect(URI endpoint, EwsCredentials credentials, EwsOptions options) {
        return Mono.defer(() -> {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(options, "options");
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
                return Mono.error(new IllegalArgumentException("EWS endpoint must be an https:// URL such as "
                        + EXCHANGE_ONLINE + ", was " + endpoint));
            }
            if (credentials instanceof EwsCredentials.Basic && scheme.equals("http") && !isLoopback(endpoint.getHost())) {
                return Mono.error(new IllegalArgumentException("refusing to send a Basic password over plain http to " + endpoint
                        + "; use the https:// endpoint"));
            }
            if (credentials instanceof EwsCredentials.OAuth oauth && oauth.tokens().isAppOnly() && options.impersonatedMailbox() == null) {
                return Mono.error(new IllegalArgumentException("app-only tokens (client credentials) act as no mailbox of their own;"
                        + " set the mailbox to act as with EwsOptions.builder().impersonate(\"user@contoso.com\")"));
            }
            EwsClientImpl client = new EwsClientImpl(endpoint, credentials, options);
            return client.call("GetFolder", true, client.soap.probe(), 0, (r, content) -> client.single(r, "GetFolder")).thenReturn(client);
        });
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name would need a DNS lookup, and a name is no proof of anything.
        if (h.matches("[0-9.]+") || h.indexOf(':') >= 0) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public EwsOptions options() {
        return options;
    }

    @Override
    public ServerVersion serverVersion() {
        return serverVersion;
    }

    /** The throttling gate (for tests). */
    public ThrottlingGate gate() {
        return gate;
    }

    /** The key the gate files this client's requests under. */
    public String mailboxKey() {
        return mailboxKey;
    }

    // ---- operations -------------------------------------------------------------------------

    @Override
    public Mono<Void> send(MailMessage message, SendMode mode) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(mode, "mode");
        if (message.recipients().isEmpty()) {
            return Mono.error(new IllegalArgumentException("cannot send " + message + ": it has no recipients"));
        }
        return mime(message)
                .flatMap(mime -> call("CreateItem", false, soap.sendMime(mime, mode), 0, (r, c) -> single(r, "CreateItem")))
                .then();
    }

    @Override
    public Mono<FetchedMessage> fetchMessage(ItemId id) {
        Objects.requireNonNull(id, "id");
        return this.<Fetched>call("GetItem", true, soap.getItem(id, true), options.maxInMemoryMimeBytes(), (r, content) -> {
                    SoapResponse.Message m = single(r, "GetItem");
                    return new Fetched(firstItem(m, "GetItem", id.id()), content.toByteArray());
                })
                .publishOn(Schedulers.boundedElastic())
                .map(f -> new FetchedMessage(f.item, MimeCodec.parse(f.mime), f.mime.length));
    }

    private record Fetched(ItemInfo item, byte[] mime) {
    }

    @Override
    public Mono<ItemInfo> getItem(ItemId id) {
        Objects.requireNonNull(id, "id");
        return call("GetItem", true, soap.getItem(id, false), 0, (r, c) -> firstItem(single(r, "GetItem"), "GetItem", id.id()));
    }

    @Override
    public Flux<ByteBuffer> mimeContent(ItemId id) {
        Objects.requireNonNull(id, "id");
        return stream("GetItem", soap.getItem(id, true), "the MIME content of item " + abbreviate(id.id()));
    }

    @Override
    public Flux<ByteBuffer> attachmentContent(AttachmentId id) {
        Objects.requireNonNull(id, "id");
        return stream("GetAttachment", soap.getAttachment(id), "attachment " + abbreviate(id.id()));
    }

    @Override
    public Mono<Long> downloadAttachment(AttachmentId id, Path target) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Mono<Long> write = Mono.using(
                () -> FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                channel -> attachmentContent(id)
                        .publishOn(Schedulers.boundedElastic(), 8)
                        .reduce(0L, (written, buffer) -> written + writeFully(channel, buffer)),
                channel -> {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException("closing " + target + " failed", e);
                    }
                });
        return write
                .onErrorResume(error -> Mono.<Long>fromCallable(() -> {
                    Files.deleteIfExists(target);
                    throw error instanceof RuntimeException re ? re : new FerryException(error.getMessage(), error);
                }).subscribeOn(Schedulers.boundedElastic()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static long writeFully(FileChannel channel, ByteBuffer buffer) {
        long n = 0;
        try {
            while (buffer.hasRemaining()) {
                n += channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the attachment failed: " + e.getMessage(), e);
        }
        return n;
    }

    @Override
    public Mono<List<ItemId>> appendMessages(FolderId folder, List<MailMessage> messages) {
        return appendMessagesEach(folder, messages).map(outcomes -> {
            List<ItemId> ids = new ArrayList<>(outcomes.size());
            EwsException first = null;
            List<Integer> failed = new ArrayList<>();
            for (ItemOutcome<ItemId> o : outcomes) {
                if (o.isSuccess()) {
                    ids.add(o.value());
                } else {
                    failed.add(o.index());
                    if (first == null) {
                        first = o.error();
                    }
                }
            }
            if (first != null) {
                first.addSuppressed(new FerryException("append stored " + ids.size() + " of " + outcomes.size()
                        + " messages; failed at positions " + failed + " (use appendMessagesEach for the ids of the stored ones)"));
                throw first;
            }
            return ids;
        });
    }

    @Override
    public Mono<List<ItemOutcome<ItemId>>> appendMessagesEach(FolderId folder, List<MailMessage> messages) {
        Objects.requireNonNull(folder, "folder");
        List<MailMessage> list = List.copyOf(messages);
        if (list.isEmpty()) {
            return Mono.error(new IllegalArgumentException("nothing to append: the list of messages is empty"));
        }
        return Flux.fromIterable(list).concatMap(this::mime).collectList()
                .flatMap(mimes -> call("CreateItem", false, soap.appendMime(folder, mimes), 0,
                        (r, c) -> outcomes(r, "CreateItem", list.size(), m -> m.items().isEmpty() ? null : m.items().get(0).id())));
    }

    @Override
    public Mono<ItemId> appendMessage(FolderId folder, MailMessage message) {
        return appendMessages(folder, List.of(message)).map(ids -> ids.get(0));
    }

    @Override
    public Mono<ItemId> copyItem(ItemId id, FolderId target) {
        return copyOrMove("CopyItem", id, target);
    }

    @Override
    public Mono<ItemId> moveItem(ItemId id, FolderId target) {
        return copyOrMove("MoveItem", id, target);
    }

    private Mono<ItemId> copyOrMove(String operation, ItemId id, FolderId target) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        return call(operation, false, soap.copyOrMove(operation, List.of(id), target), 0, (r, c) -> {
            SoapResponse.Message m = single(r, operation);
            return m.items().isEmpty() ? null : m.items().get(0).id();
        });
    }

    @Override
    public Mono<Void> deleteItem(ItemId id, DeleteMode mode) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        return call("DeleteItem", false, soap.deleteItems(List.of(id), mode), 0, (r, c) -> single(r, "DeleteItem")).then();
    }

    @Override
    public Mono<List<ItemOutcome<ItemId>>> deleteItems(List<ItemId> ids, DeleteMode mode) {
        List<ItemId> list = List.copyOf(ids);
        Objects.requireNonNull(mode, "mode");
        if (list.isEmpty()) {
            return Mono.error(new IllegalArgumentException("nothing to delete: the list of item ids is empty"));
        }
        return call("DeleteItem", false, soap.deleteItems(list, mode), 0, (r, c) -> {
            List<ItemOutcome<ItemId>> outcomes = outcomes(r, "DeleteItem", list.size(), m -> null);
            List<ItemOutcome<ItemId>> withIds = new ArrayList<>(outcomes.size());
            for (ItemOutcome<ItemId> o : outcomes) {
                withIds.add(o.isSuccess() ? ItemOutcome.success(o.index(), list.get(o.index())) : o);
            }
            return withIds;
        });
    }

    @Override
    public Mono<ItemId> updateItem(ItemUpdate update) {
        Objects.requireNonNull(update, "update");
        return call("UpdateItem", false, soap.updateItem(update), 0, (r, c) -> {
            SoapResponse.Message m = single(r, "UpdateItem");
            return m.items().isEmpty() ? update.itemId().withoutChangeKey() : m.items().get(0).id();
        });
    }

    @Override
    public Flux<ItemInfo> findItems(FindItemsQuery query) {
        Objects.requireNonNull(query, "query");
        return Flux.defer(() -> itemPage(query, 0)
                .expand(page -> page.last ? Mono.empty() : itemPage(query, page.nextOffset))
                .concatMapIterable(Page::entries));
    }

    private record Page<T>(List<T> entries, int nextOffset, boolean last) {
    }

    private static <T> Page<T> page(List<T> entries, SoapResponse.@Nullable Paging paging, int offset) {
        if (paging == null || entries.isEmpty()) {
            return new Page<>(entries, offset, true);
        }
        int next = paging.indexedPagingOffset() > offset ? paging.indexedPagingOffset() : offset + entries.size();
        boolean last = paging.includesLastItemInRange() || (paging.totalItemsInView() > 0 && next >= paging.totalItemsInView());
        return new Page<>(entries, next, last);
    }

    private Mono<Page<ItemInfo>> itemPage(FindItemsQuery query, int offset) {
        return call("FindItem", true, soap.findItems(query, offset), 0, (r, c) -> {
            SoapResponse.Message m = single(r, "FindItem");
            return page(m.items(), m.paging(), offset);
        });
    }

    @Override
    public Mono<Folder> getFolder(FolderId folder) {
        Objects.requireNonNull(folder, "folder");
        return call("GetFolder", true, soap.getFolder(folder), 0, (r, c) -> {
            SoapResponse.Message m = single(r, "GetFolder");
            if (m.folders().isEmpty()) {
                throw new XmlException("GetFolder answered success without a folder");
            }
            return m.folders().get(0);
        });
    }

    @Override
    public Flux<Folder> findFolders(FolderId parent, boolean deep) {
        Objects.requireNonNull(parent, "parent");
        int pageSize = 200;
        return Flux.defer(() -> folderPage(parent, deep, pageSize, 0)
                .expand(page -> page.last ? Mono.empty() : folderPage(parent, deep, pageSize, page.nextOffset))
                .concatMapIterable(Page::entries));
    }

    private Mono<Page<Folder>> folderPage(FolderId parent, boolean deep, int pageSize, int offset) {
        return call("FindFolder", true, soap.findFolders(parent, deep, pageSize, offset), 0, (r, c) -> {
            SoapResponse.Message m = single(r, "FindFolder");
            return page(m.folders(), m.paging(), offset);
        });
    }

    @Override
    public Mono<Folder> createFolder(FolderId parent, String displayName) {
        Objects.requireNonNull(parent, "parent");
        if (displayName == null || displayName.isBlank()) {
            return Mono.error(new IllegalArgumentException("folder display name must not be blank"));
        }
        return call("CreateFolder", false, soap.createFolder(parent, displayName, null), 0, (r, c) -> {
            SoapResponse.Message m = single(r, "CreateFolder");
            if (m.folders().isEmpty()) {
                throw new XmlException("CreateFolder answered success without the new folder's id");
            }
            Folder created = m.folders().get(0);
            return new Folder(created.id(), parent instanceof FolderId.Id id ? id : created.parentFolderId(), created.type(),
                    displayName, created.folderClass(), 0, 0, 0);
        });
    }

    @Override
    public Mono<Void> deleteFolder(FolderId folder, DeleteMode mode) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(mode, "mode");
        return call("DeleteFolder", false, soap.deleteFolder(folder, mode), 0, (r, c) -> single(r, "DeleteFolder")).then();
    }

    @Override
    public EwsFutures futures() {
        return futures;
    }

    @Override
    public EwsCallbacks callbacks() {
        return callbacks;
    }

    @Override
    public EwsBlocking blocking() {
        return blocking;
    }

    @Override
    public String toString() {
        return "EwsClient[" + endpoint + (options.impersonatedMailbox() != null ? " as " + options.impersonatedMailbox() : "") + "]";
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private Mono<byte[]> mime(MailMessage message) {
        return Mono.fromCallable(() -> MimeCodec.build(message, options.impersonatedMailbox())).subscribeOn(Schedulers.boundedElastic());
    }

    /** One operation answered by one envelope, decoded into at most one value. */
    private <T> Mono<T> call(String operation, boolean idempotent, byte[] envelope, long maxContent,
                             BiFunction<SoapResponse, ByteArrayOutputStream, @Nullable T> decode) {
        String what = operation.equals("GetItem") ? "the MIME content" : "the content";
        return exchange(operation, idempotent, envelope, response -> {
            StreamingEnvelope reader = new StreamingEnvelope(maxContent, options.maxResponseChars(), what);
            ByteArrayOutputStream content = new ByteArrayOutputStream(maxContent > 0 ? 8192 : 0);
            return response.body().asFlux()
                    .doOnNext(chunk -> {
                        for (ByteBuffer piece : reader.feed(chunk)) {
                            content.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining());
                        }
                    })
                    .then(Mono.fromCallable(() -> decode.apply(finish(reader, response), content)));
        }).singleOrEmpty();
    }

    /** One operation whose answer carries content, streamed out as it is decoded. */
    private Flux<ByteBuffer> stream(String operation, byte[] envelope, String what) {
        return exchange(operation, true, envelope, response -> {
            StreamingEnvelope reader = new StreamingEnvelope(options.maxAttachmentBytes(), options.maxResponseChars(), what);
            return response.body().asFlux()
                    .concatMapIterable(reader::feed)
                    .concatWith(Mono.fromRunnable(() -> {
                        single(finish(reader, response), operation);
                        if (reader.contents() == 0) {
                            throw new XmlException(operation + " answered success without " + what);
                        }
                    }));
        });
    }

    private SoapResponse finish(StreamingEnvelope reader, HttpResponse response) {
        SoapResponse r = SoapResponseReader.read(reader.finish());
        if (r.serverVersion() != ServerVersion.UNKNOWN) {
            serverVersion = r.serverVersion();
        }
        if (r.fault() != null) {
            throw fromFault(r.fault(), response);
        }
        return r;
    }

    /**
     * The path every request takes: wait for the mailbox's turn, then per attempt sign (fresh token),
     * send, check the status and decode; on a 401 with OAuth, refresh the token once and go again.
     */
    private <T> Flux<T> exchange(String operation, boolean idempotent, byte[] envelope,
                                 Function<HttpResponse, ? extends Publisher<T>> decode) {
        HttpRequest request = HttpRequest.builder("POST", endpoint)
                .path(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/EWS/Exchange.asmx" : endpoint.getRawPath())
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Accept", "text/xml")
                .header("User-Agent", options.userAgent())
                .header("client-request-id", options.clientRequestId() != null ? options.clientRequestId() : randomRequestId())
                .header("return-client-request-id", "true")
                .headerIfPresent("X-AnchorMailbox", options.impersonatedMailbox())
                .body(RequestBody.fromBytes(envelope))
                .idempotent(idempotent)
                .operation(operation)
                .build();
        Function<HttpResponse, Publisher<T>> handler = response -> Flux.from(checkStatus(response, decode))
                .doOnError(this::throttled)
                .doOnComplete(() -> gate.succeeded(mailboxKey));
        return gate.run(mailboxKey, () -> {
            Attempt first = new Attempt(null);
            Flux<T> once = pipeline(first).executeMany(request, handler);
            if (!(credentials instanceof EwsCredentials.OAuth)) {
                return once;
            }
            // Only Exchange's own 401 leads to a refresh: a token provider that failed (Entra said no) already said why.
            return once.onErrorResume(error -> !first.tokenFailed && isUnauthorized(error), error -> {
                Attempt second = new Attempt(null);
                return refreshToken(first.usedToken)
                    .doOnError(e -> second.tokenFailed = true)
                    .flatMapMany(fresh -> pipeline(second.given(fresh)).executeMany(request, handler))
                    .onErrorMap(again -> !second.tokenFailed && isUnauthorized(again), again -> {
                        EwsException e = (EwsException) again;
                        EwsException clear = new EwsException("Exchange refused the access token twice for " + operation
                                + " (HTTP 401" + describeChallenge(e) + "), even after a new token was fetched. Check that the app has the"
                                + " Exchange permission full_access_as_app (app-only) or EWS.AccessAsUser.All (delegated) with admin"
                                + " consent, that the token's audience is https://outlook.office365.com, and that the tenant has not"
                                + " blocked EWS for this app.", 401, EwsException.AUTHENTICATION_FAILED, e.messageText(), e.messageXml(),
                                -1, e.requestId(), false, false, null, null);
                        clear.addSuppressed(error);
                        return clear;
                    });
            });
        });
    }

    /**
     * A version 4 UUID from a non-blocking source: {@code UUID.randomUUID()} reads SecureRandom,
     * which may block an event loop, and a request id needs no cryptographic strength.
     */
    static String randomRequestId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static String describeChallenge(EwsException e) {
        String text = e.messageText();
        return text == null || text.isEmpty() ? "" : ", " + text;
    }

    /** What one attempt of a call used: the token it was given for its retry, and the token it sent. */
    private static final class Attempt {
        volatile @Nullable AccessToken given;
        volatile @Nullable String usedToken;
        volatile boolean tokenFailed;

        Attempt(@Nullable AccessToken given) {
            this.given = given;
        }

        Attempt given(AccessToken token) {
            this.given = token;
            return this;
        }
    }

    private RequestPipeline pipeline(Attempt attempt) {
        return new RequestPipeline(engine, options.retryPolicy(), signer(attempt));
    }

    private RequestSigner signer(Attempt attempt) {
        if (credentials instanceof EwsCredentials.OAuth oauth) {
            return request -> (attempt.given != null ? Mono.just(attempt.given) : oauth.tokens().getAccessToken(false))
                    .switchIfEmpty(Mono.error(() -> new FerryException("the token provider completed without a token")))
                    .doOnError(e -> attempt.tokenFailed = true)
                    .map(token -> {
                        attempt.usedToken = token.token();
                        return request.toBuilder().setHeader("Authorization", "Bearer " + token.token()).build();
                    });
        }
        String header = Objects.requireNonNull(basicAuthorization);
        return request -> Mono.just(request.toBuilder().setHeader("Authorization", header).build());
    }

    /**
     * One refresh for every request that got a 401 with the same token: the first asks the provider
     * with {@code ignoreExistingToken = true}, the others wait for that answer; a request whose token
     * is already older than the last refresh just takes the new one.
     */
    private Mono<AccessToken> refreshToken(@Nullable String staleToken) {
        return Mono.defer(() -> {
            AccessToken latest = lastRefreshed;
            if (latest != null && staleToken != null && !latest.token().equals(staleToken)) {
                return Mono.just(latest);
            }
            EwsCredentials.OAuth oauth = (EwsCredentials.OAuth) credentials;
            return refreshing.join(() -> oauth.tokens().getAccessToken(true)
                    .switchIfEmpty(Mono.error(() -> new FerryException("the token provider completed without a token")))
                    .doOnNext(token -> lastRefreshed = token));
        });
    }

    private static boolean isUnauthorized(Throwable e) {
        return e instanceof EwsException ews && ews.statusCode() == 401 && ews.isAuthenticationFailure();
    }

    /** Tells the gate what the server said about this mailbox's budget. */
    private void throttled(Throwable error) {
        if (!(error instanceof EwsException e)) {
            return;
        }
        String code = e.responseCode();
        if (EwsException.ERROR_EXCEEDED_CONNECTION_COUNT.equals(code)) {
            gate.lowerConcurrency(mailboxKey);
        }
        if (EwsException.ERROR_SERVER_BUSY.equals(code) || e.statusCode() == 503 || e.statusCode() == 429) {
            gate.backOff(mailboxKey, e.retryAfter().orElse(DEFAULT_503_BACKOFF));
        }
    }

    private <T> Publisher<T> checkStatus(HttpResponse response, Function<HttpResponse, ? extends Publisher<T>> decode) {
        int status = response.statusCode();
        String requestId = response.headers().first("request-id");
        String operation = response.request().operation();
        if (status == 401) {
            return response.body().discard().then(Mono.error(unauthorized(response, operation, requestId)));
        }
        if (status == 403) {
            return response.body().discard().then(Mono.error(new EwsException(operation + " was refused with HTTP 403 by " + endpoint
                    + ": EWS may be disabled for this user or application (Exchange Online blocks EWS for apps not on the tenant's"
                    + " allow-list), or the app lacks the permission for this mailbox. Not retried.", 403, EwsException.ACCESS_DENIED,
                    response.headers().first("x-ms-diagnostics"), Map.of(), -1, requestId, false, false, null, null)));
        }
        if (status == 503 || status == 429) {
            Duration retryAfter = retryAfter(response.headers().first("Retry-After"));
            return response.body().discard().then(Mono.error(new EwsException(operation + " got HTTP " + status + " from " + endpoint
                    + ": Exchange is queuing requests" + (retryAfter != null ? " and asked to wait " + retryAfter.toSeconds() + " s" : "")
                    + "; requests to this mailbox are held back meanwhile.", status, null, null, Map.of(), -1, requestId, true, true,
                    retryAfter, null)));
        }
        String contentType = response.headers().first("Content-Type");
        boolean xml = contentType == null || contentType.toLowerCase(Locale.ROOT).contains("xml");
        if ((status == 200 || status == 500) && xml) {
            return decode.apply(response);
        }
        return response.body().asBytes(1024 * 1024)
                .onErrorReturn(new byte[0])
                .flatMap(bytes -> Mono.error(new EwsException(operation + " got HTTP " + status + (contentType == null ? "" : " (" + contentType + ")") + " from " + endpoint
                        + ", which is not an EWS answer: is this the EWS endpoint (…/EWS/Exchange.asmx)? Body starts: "
                        + snippet(bytes), status, null, null, Map.of(), -1, requestId, status >= 500, false, null, null)));
    }

    private static String snippet(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? "(empty)" : s;
    }

    private static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    private EwsException unauthorized(HttpResponse response, String operation, @Nullable String requestId) {
        String challenge = response.headers().first("WWW-Authenticate");
        String diagnostics = response.headers().first("x-ms-diagnostics");
        String detail = diagnostics != null ? diagnostics : challenge;
        String message;
        if (credentials instanceof EwsCredentials.Basic basic) {
            message = "Exchange refused the user name and password of " + basic.username() + " for " + operation + " (HTTP 401). Check"
                    + " them; Exchange Online no longer accepts Basic authentication (use OAuth), and on premises Basic must be enabled"
                    + " on the EWS virtual directory.";
        } else {
            message = operation + ": Exchange refused the access token (HTTP 401" + (detail != null ? ", " + detail : "") + ")";
        }
        return new EwsException(message, 401, EwsException.AUTHENTICATION_FAILED, detail, Map.of(), -1, requestId, false, false, null, null);
    }

    private EwsException fromFault(SoapResponse.Fault fault, HttpResponse response) {
        String code = fault.code();
        String text = fault.message() != null ? fault.message() : fault.faultString();
        String detail = "";
        if (fault.messageXml().containsKey("Violation")) {
            detail = " (line " + fault.messageXml().getOrDefault("LineNumber", "?") + ", position "
                    + fault.messageXml().getOrDefault("LinePosition", "?") + ": " + fault.messageXml().get("Violation") + ")";
        } else if (!fault.faultString().isEmpty() && !fault.faultString().equals(text)) {
            detail = " (" + fault.faultString() + ")";
        }
        return exception(response.request().operation() + " failed: ", code, text + detail, fault.messageXml(),
                response.statusCode(), -1, response.headers().first("request-id"));
    }

    private EwsException exception(String prefix, String code, @Nullable String text, Map<String, String> messageXml, int status,
                                   int index, @Nullable String requestId) {
        Duration backOff = null;
        String ms = messageXml.get("BackOffMilliseconds");
        if (ms != null) {
            try {
                backOff = Duration.ofMillis(Long.parseLong(ms.trim()));
            } catch (NumberFormatException ignored) {
                // Not a number: no delay is better than a wrong one.
            }
        }
        boolean throttling = THROTTLING_CODES.contains(code);
        String advice = switch (code) {
            case EwsException.ERROR_SERVER_BUSY -> " Exchange is throttling this mailbox" + (backOff != null ? " for " + backOff.toMillis() + " ms" : "")
                    + "; requests to it are held back meanwhile.";
            case EwsException.ERROR_EXCEEDED_CONNECTION_COUNT -> " Too many requests for this user at once (all clients count);"
                    + " this client now sends fewer at a time.";
            case EwsException.ERROR_IRRESOLVABLE_CONFLICT -> " The item changed since its ChangeKey was read: fetch it again and retry,"
                    + " or use ConflictResolution.ALWAYS_OVERWRITE.";
            default -> "";
        };
        String where = index >= 0 ? "item #" + index + ": " : "";
        return new EwsException(prefix + where + code + (text == null || text.isEmpty() ? "" : ": " + text) + advice, status, code, text,
                messageXml, index, requestId, TRANSIENT_CODES.contains(code), throttling, backOff, null);
    }

    /** The only response message, which must be a success. */
    private SoapResponse.Message single(SoapResponse r, String operation) {
        if (r.messages().isEmpty()) {
            throw new XmlException(operation + " answered with no response message");
        }
        return checked(r.messages().get(0), operation, 0);
    }

    private SoapResponse.Message checked(SoapResponse.Message m, String operation, int index) {
        if (!m.isSuccess()) {
            EwsException e = exception(operation + " failed for ", m.responseCode(), m.messageText(), m.messageXml(), 200, index, null);
            throttled(e);
            throw e;
        }
        return m;
    }

    private ItemInfo firstItem(SoapResponse.Message m, String operation, String id) {
        if (m.items().isEmpty()) {
            throw new XmlException(operation + " answered success for " + abbreviate(id) + " without the item");
        }
        return m.items().get(0);
    }

    private <T> List<ItemOutcome<T>> outcomes(SoapResponse r, String operation, int expected, Function<SoapResponse.Message, @Nullable T> value) {
        if (r.messages().size() != expected) {
            throw new XmlException(operation + " answered " + r.messages().size() + " response messages for " + expected + " items");
        }
        List<ItemOutcome<T>> out = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            SoapResponse.Message m = r.messages().get(i);
            if (m.isSuccess()) {
                out.add(ItemOutcome.success(i, value.apply(m)));
            } else {
                EwsException e = exception(operation + " failed for ", m.responseCode(), m.messageText(), m.messageXml(), 200, i, null);
                throttled(e);
                out.add(ItemOutcome.failure(i, e));
            }
        }
        return out;
    }

    private static String abbreviate(String id) {
        return id.length() <= 24 ? id : id.substring(0, 10) + "…" + id.substring(id.length() - 10);
    }
}
