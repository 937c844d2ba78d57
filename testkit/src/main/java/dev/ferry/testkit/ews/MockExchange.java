package dev.ferry.testkit.ews;

import static dev.ferry.testkit.ews.SoapOut.SOAP;
import static dev.ferry.testkit.ews.SoapOut.TYPES;

import dev.ferry.testkit.ews.MockStore.Folder;
import dev.ferry.testkit.ews.MockStore.Item;
import dev.ferry.testkit.ews.MockStore.Mailbox;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A mock Exchange server for tests, on a loopback port, speaking EWS (SOAP 1.1) and, for the
 * client-credentials flow, a Microsoft Entra style token endpoint.
 *
 * <ul>
 *   <li>Every request envelope is validated against {@code ews-all.xsd}; an invalid one gets the
 *       HTTP 500 ErrorSchemaValidation fault real Exchange sends, with line and position.</li>
 *   <li>Mailboxes hold folders (the distinguished ones included) and items, with Exchange-style ids
 *       and ChangeKeys that change on every update.</li>
 *   <li>Bearer tokens are checked (unknown or revoked: the real 401 with {@code error="invalid_token"});
 *       app-only tokens must name a mailbox with ExchangeImpersonation.</li>
 *   <li>Answers are shaped like real captures: one line, {@code s:}/{@code h:}/{@code m:}/{@code t:}
 *       prefixes, {@code ServerVersionInfo}.</li>
 *   <li>{@link #inject(Injection)} makes it misbehave: ErrorServerBusy as a fault or in a response
 *       message, ErrorExceededConnectionCount, 503 with Retry-After, a closed connection, 401, 403,
 *       illegal character references; {@link #touch(String)} makes a ChangeKey stale.</li>
 * </ul>
 *
 * <p>It reads requests with the JDK's DOM and MIME with Jakarta Mail: it shares no code with the
 * client it tests, so that it is a second, independent reading of the protocol.
 */
public final class MockExchange implements AutoCloseable {
    public static final String EWS_PATH = "/EWS/Exchange.asmx";
    public static final String EXCHANGE_SCOPE = "https://outlook.office365.com/.default";

    private final EwsSchemaValidator validator;
    private final MockStore store = new MockStore();
    private final MockOperations operations;
    private final DisposableServer server;
    private final Map<String, TokenGrant> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, String[]> basicUsers = new ConcurrentHashMap<>();
    private final List<Injection> injections = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    private record TokenGrant(boolean appOnly, @Nullable String mailbox, Instant expires) {
    }

    /** A request as the mock received it, with what it made of it. */
    public record RecordedRequest(String operation, Map<String, String> headers, byte[] body,
                                  EwsSchemaValidator.@Nullable Violation violation, long arrivedNanos) {
        public String bodyAsString() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header by lower-case name. */
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A message Exchange was asked to send. */
    public record SentMessage(String mailbox, String disposition, byte[] mime) {
        public String mimeAsString() {
            return new String(mime, StandardCharsets.UTF_8);
        }
    }

    private MockExchange(EwsSchemaValidator validator) {
        this.validator = validator;
        this.operations = new MockOperations(store, sent::add);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .post(EWS_PATH, this::ews)
                        .post("/{tenant}/oauth2/v2.0/token", this::token))
                .bindNow();
    }

    /** Starts a mock validating against {@code ews-all.xsd} at this path. */
    public static MockExchange start(Path ewsAllXsd) {
        return new MockExchange(EwsSchemaValidator.of(ewsAllXsd));
    }

    /** Starts a mock with the schema from {@code ../shared}, or empty when that is not there (tests then skip). */
    public static Optional<MockExchange> startWithSharedSchema() {
        return dev.ferry.testkit.SharedMaterial.resolve("ews/schema/ews-all.xsd").map(MockExchange::start);
    }

    /** {@code http://127.0.0.1:port/EWS/Exchange.asmx} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port() + EWS_PATH);
    }

    /** The authority host for a token provider: tokens are served at {@code <this>/<tenant>/oauth2/v2.0/token}. */
    public URI authority() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    // ---- set-up --------------------------------------------------------------------------------

    /** Creates a mailbox (with its distinguished folders) if it does not exist. */
    public MockExchange mailbox(String smtp) {
        store.mailbox(smtp);
        return this;
    }

    /** Registers an app for the client-credentials grant; its tokens are app-only. */
    public MockExchange registerApp(String clientId, String clientSecret) {
        clients.put(clientId, clientSecret);
        return this;
    }

    /** Issues a delegated token for a user's own mailbox. */
    public String issueUserToken(String mailbox) {
        store.mailbox(mailbox);
        String token = "eyJ0eXAiOiJKV1QiLCJ1c2VyIjoi" + randomUuid();
        tokens.put(token, new TokenGrant(false, mailbox, Instant.now().plus(tokenLifetime)));
        return token;
    }

    /** Issues an app-only token (as the token endpoint would). */
    public String issueAppToken() {
        String token = "eyJ0eXAiOiJKV1QiLCJhcHAiOiI" + randomUuid();
        tokens.put(token, new TokenGrant(true, null, Instant.now().plus(tokenLifetime)));
        return token;
    }

    /** Accepts Basic authentication for a user acting as this mailbox. */
    public MockExchange basicUser(String username, String password, String mailbox) {
        store.mailbox(mailbox);
        basicUsers.put(username, new String[] {password, mailbox});
        return this;
    }

    /** Every token issued so far stops working (as when tokens expire or are revoked): the next request with one gets 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** How long tokens from the token endpoint live (1 hour); the answer's expires_in says so. */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Holds every EWS answer back this long (to make requests overlap in concurrency tests). */
    public void responseDelay(Duration delay) {
        this.responseDelay = delay;
    }

    public void inject(Injection injection) {
        synchronized (injections) {
            injections.add(injection);
        }
    }

    /** Another client changed the item: it gets a new ChangeKey, and updates with the old one conflict. */
    public String touch(String itemId) {
        synchronized (store) {
            Item item = store.item(itemId);
            if (item == null) {
                throw new IllegalArgumentException("no item " + itemId);
            }
            item.changeKey = store.newChangeKey();
            return item.changeKey;
        }
    }

    // ---- observation ---------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** EWS requests being served now (received, not yet answered or abandoned). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Starts counting {@link #maxConcurrentRequests()} afresh. */
    public void resetMaxConcurrentRequests() {
        maxInFlight.set(inFlight.get());
    }

    /** The most EWS requests the mock was serving at once. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Item ids in a distinguished folder of a mailbox, oldest first. */
    public List<String> itemIds(String mailbox, String distinguishedFolder) {
        synchronized (store) {
            Folder f = store.distinguished(store.mailbox(mailbox), distinguishedFolder);
            List<String> ids = new ArrayList<>();
            if (f != null) {
                store.itemsIn(f).forEach(i -> ids.add(i.id));
            }
            return ids;
        }
    }

    /** Whether an item exists, wherever it is. */
    public boolean hasItem(String itemId) {
        return store.item(itemId) != null;
    }

    /** The subject an item has now. */
    public Optional<String> subjectOf(String itemId) {
        Item i = store.item(itemId);
        return i == null ? Optional.empty() : Optional.of(i.subject);
    }

    /** Whether the item shows as a draft (it was stored without PR_MESSAGE_FLAGS saying otherwise). */
    public boolean isDraft(String itemId) {
        Item i = store.item(itemId);
        return i != null && i.isDraft;
    }

    /** The display name of the distinguished folder an item is in, or of its folder. */
    public Optional<String> folderNameOf(String itemId) {
        Item i = store.item(itemId);
        if (i == null) {
            return Optional.empty();
        }
        Folder f = store.folder(i.folderId);
        return Optional.ofNullable(f == null ? null : f.displayName);
    }

    public boolean hasFolder(String folderId) {
        return store.folder(folderId) != null;
    }

    /** Stores a message directly, as if it had been delivered, and returns its id. */
    public String deliver(String mailbox, String distinguishedFolder, byte[] mime) {
        synchronized (store) {
            Folder f = store.distinguished(store.mailbox(mailbox), distinguishedFolder);
            if (f == null) {
                throw new IllegalArgumentException("no folder " + distinguishedFolder);
            }
            Item item = store.addItem(f, mime, false);
            item.isRead = false;
            return item.id;
        }
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private record Answer(int status, Map<String, String> headers, @Nullable String body, boolean close) {
        static Answer xml(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "text/xml; charset=utf-8"), body, false);
        }
    }

    private Publisher<Void> ews(HttpServerRequest request, HttpServerResponse response) {
        Map<String, String> headers = new HashMap<>();
        request.requestHeaders().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        long arrived = System.nanoTime();
        // A request counts as in flight from its arrival until its answer starts (or it is abandoned):
        // a client sees the answer only after that, so it cannot overlap with its own next request.
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable done = () -> {
            if (counted.compareAndSet(true, false)) {
                inFlight.decrementAndGet();
            }
        };
        return Mono.defer(() -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]);
                })
                // Schema validation and DOM parsing block: never on the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(body -> handle(headers, body, arrived))
                .delayUntil(answer -> responseDelay.isZero() ? Mono.empty() : Mono.delay(responseDelay))
                .doOnNext(answer -> done.run())
                .flatMap(answer -> send(response, answer))
                .doFinally(signal -> done.run());
    }

    private static Mono<Void> send(HttpServerResponse response, Answer answer) {
        if (answer.close()) {
            response.withConnection(Connection::dispose);
            return Mono.empty();
        }
        response.status(answer.status());
        answer.headers().forEach(response::header);
        response.header("request-id", randomUuid().toString());
        response.header("X-FEServer", "MOCK01");
        if (answer.body() == null) {
            response.header("Content-Length", "0");
            return response.send().then();
        }
        return response.sendString(Mono.just(answer.body()), StandardCharsets.UTF_8).then();
    }

    private Answer handle(Map<String, String> headers, byte[] body, long arrived) {
        EwsSchemaValidator.Violation violation = validator.validate(body).orElse(null);
        Document doc = violation == null ? parse(body) : null;
        Element operation = doc == null ? null : operationElement(doc);
        String opName = operation == null ? "(invalid)" : operation.getLocalName();
        requests.add(new RecordedRequest(opName, Map.copyOf(headers), body, violation, arrived));

        String authorization = headers.get("authorization");
        Injection injected = takeInjection(opName);
        if (injected != null && injected.kind() == Injection.Kind.UNAUTHORIZED) {
            return unauthorized("2000001;reason=\"The token has expired.\";error_category=\"invalid_token\"");
        }
        TokenGrant grant = authenticate(authorization);
        if (grant == null) {
            return authorization != null && authorization.startsWith("Basic ")
                    ? new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"127.0.0.1\""), null, false)
                    : unauthorized("2000001;reason=\"The token is invalid or has expired.\";error_category=\"invalid_token\"");
        }
        if (violation != null) {
            String v = violation.message();
            return Answer.xml(500, SoapOut.fault("ErrorSchemaValidation", "The request failed schema validation: " + v,
                    "The request failed schema validation.", "<t:LineNumber>" + violation.line() + "</t:LineNumber><t:LinePosition>"
                            + violation.column() + "</t:LinePosition><t:Violation>" + SoapOut.escape(v) + "</t:Violation>"));
        }
        if (injected != null) {
            Answer a = injectedAnswer(injected);
            if (a != null) {
                return a;
            }
        }
        String impersonated = impersonation(doc);
        String mailboxSmtp;
        if (grant.appOnly()) {
            if (impersonated == null) {
                return Answer.xml(500, SoapOut.fault("ErrorInvalidExchangeImpersonationHeaderData",
                        "ExchangeImpersonation SOAP header must be present for this type of OAuth token.",
                        "ExchangeImpersonation SOAP header must be present for this type of OAuth token.", ""));
            }
            mailboxSmtp = impersonated;
        } else {
            mailboxSmtp = impersonated != null ? impersonated : grant.mailbox();
        }
        Mailbox mailbox;
        synchronized (store) {
            mailbox = mailboxSmtp == null ? null : store.mailboxes.get(mailboxSmtp.toLowerCase(Locale.ROOT));
        }
        if (mailbox == null) {
            return Answer.xml(500, SoapOut.fault("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.",
                    "The SMTP address has no mailbox associated with it.", "<t:Value Name=\"SmtpAddress\">"
                            + SoapOut.escape(String.valueOf(mailboxSmtp)) + "</t:Value>"));
        }
        MockOperations.Context ctx = new MockOperations.Context(mailbox, injected != null ? injected.kind() : null,
                injected != null ? injected.value() : 0);
        synchronized (store) {
            return Answer.xml(200, operations.dispatch(ctx, operation));
        }
    }

    private @Nullable Answer injectedAnswer(Injection injected) {
        return switch (injected.kind()) {
            case SERVER_BUSY_FAULT -> Answer.xml(500, SoapOut.fault("ErrorServerBusy",
                    "The server cannot service this request right now. Try again later.",
                    "The server cannot service this request right now. Try again later.",
                    "<t:Value Name=\"BackOffMilliseconds\">" + injected.value() + "</t:Value>"));
            case CONNECTION_COUNT_FAULT -> Answer.xml(500, SoapOut.fault("ErrorExceededConnectionCount",
                    "You have exceeded the available concurrent connections for your account.  Try again once your other requests have completed.",
                    "You have exceeded the available concurrent connections for your account.  Try again once your other requests have completed.",
                    "<t:Value Name=\"Policy\">MaxConcurrency</t:Value><t:Value Name=\"MaxConcurrencyLimit\">27</t:Value>"));
            case HTTP_503 -> new Answer(503, injected.value() > 0 ? Map.of("Retry-After", Long.toString(injected.value())) : Map.of(),
                    null, false);
            case CLOSE_CONNECTION -> new Answer(0, Map.of(), null, true);
            case FORBIDDEN -> new Answer(403, Map.of(), null, false);
            default -> null;
        };
    }

    private static Answer unauthorized(String diagnostics) {
        return new Answer(401, Map.of("WWW-Authenticate", "Bearer client_id=\"00000002-0000-0ff1-ce00-000000000000\", "
                + "trusted_issuers=\"00000001-0000-0000-c000-000000000000@*\", token_types=\"app_asserted_user_v1 service_asserted_app_v1\", "
                + "authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"invalid_token\"",
                "x-ms-diagnostics", diagnostics, "X-BackEndHttpStatus", "401"), null, false);
    }

    private @Nullable Injection takeInjection(String operation) {
        synchronized (injections) {
            Iterator<Injection> it = injections.iterator();
            for (int i = 0; it.hasNext(); i++) {
                Injection inj = it.next();
                if (inj.operation() == null || inj.operation().equals(operation)) {
                    if (inj.times() > 1) {
                        injections.set(i, inj.times(inj.times() - 1));
                    } else {
                        it.remove();
                    }
                    return inj;
                }
            }
            return null;
        }
    }

    private @Nullable TokenGrant authenticate(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.startsWith("Bearer ")) {
            TokenGrant g = tokens.get(authorization.substring(7).trim());
            return g != null && Instant.now().isBefore(g.expires()) ? g : null;
        }
        if (authorization.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            String[] user = colon < 0 ? null : basicUsers.get(decoded.substring(0, colon));
            if (user != null && user[0].equals(decoded.substring(colon + 1))) {
                return new TokenGrant(false, user[1], Instant.MAX);
            }
        }
        return null;
    }

    private Publisher<Void> token(HttpServerRequest request, HttpServerResponse response) {
        String tenant = request.param("tenant");
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(form -> {
            tokenRequests.incrementAndGet();
            Map<String, String> params = new HashMap<>();
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String secret = clients.get(params.getOrDefault("client_id", ""));
            String json;
            int status;
            if (!"client_credentials".equals(params.get("grant_type"))) {
                status = 400;
                json = "{\"error\":\"unsupported_grant_type\",\"error_description\":\"AADSTS70003: The app requested an unsupported grant type.\"}";
            } else if (secret == null || !secret.equals(params.get("client_secret"))) {
                status = 401;
                json = "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided. Ensure the secret"
                        + " being sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                        + params.get("client_id") + "'.\",\"error_codes\":[7000215]}";
            } else if (!EXCHANGE_SCOPE.equals(params.get("scope"))) {
                status = 400;
                json = "{\"error\":\"invalid_scope\",\"error_description\":\"AADSTS1002012: The provided value for scope " + params.get("scope")
                        + " is not valid.\"}";
            } else {
                status = 200;
                String token = issueAppToken();
                json = "{\"token_type\":\"Bearer\",\"expires_in\":" + tokenLifetime.toSeconds() + ",\"ext_expires_in\":"
                        + tokenLifetime.toSeconds() + ",\"access_token\":\"" + token + "\"}";
            }
            response.header("x-ms-request-id", randomUuid().toString());
            response.header("Content-Type", "application/json; charset=utf-8");
            response.header("X-Tenant", tenant == null ? "" : tenant);
            return response.status(status).sendString(Mono.just(json)).then();
        });
    }

    // ---- SOAP ----------------------------------------------------------------------------------

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | org.xml.sax.SAXException | java.io.IOException e) {
            throw new IllegalStateException("mock: a schema-valid request could not be parsed", e);
        }
    }

    private static @Nullable Element operationElement(Document doc) {
        Element body = Dom.child(doc.getDocumentElement(), SOAP, "Body");
        List<Element> ops = body == null ? List.of() : Dom.children(body);
        return ops.isEmpty() ? null : ops.get(0);
    }

    private static @Nullable String impersonation(Document doc) {
        Element header = Dom.child(doc.getDocumentElement(), SOAP, "Header");
        Element imp = header == null ? null : Dom.child(header, TYPES, "ExchangeImpersonation");
        Element sid = imp == null ? null : Dom.child(imp, TYPES, "ConnectingSID");
        if (sid == null) {
            return null;
        }
        for (String name : List.of("SmtpAddress", "PrimarySmtpAddress", "PrincipalName")) {
            Element e = Dom.child(sid, TYPES, name);
            if (e != null) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }


    /** Not {@code UUID.randomUUID()}: SecureRandom may block, and some of these run on an event loop. */
    private static String randomUuid() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    @Override
    public String toString() {
        return "MockExchange[" + endpoint() + ", " + store.mailboxes.size() + " mailbox(es)]";
    }

    /** For tests that want to see what a mailbox holds, by folder display name. */
    public Map<String, Integer> folderCounts(String mailbox) {
        synchronized (store) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Mailbox m = store.mailbox(mailbox);
            for (Folder f : store.folders.values()) {
                if (f.mailbox == m) {
                    counts.put(f.displayName, store.itemsIn(f).size());
                }
            }
            return counts;
        }
    }
}
