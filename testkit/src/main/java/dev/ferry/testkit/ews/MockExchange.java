package dev.ferry.testkit.ews;

import static dev.ferry.testkit.ews.SoapOut.MESSAGES;
import static dev.ferry.testkit.ews.SoapOut.SOAP;
import static dev.ferry.testkit.ews.SoapOut.TYPES;

import dev.ferry.testkit.ews.MockStore.Folder;
import dev.ferry.testkit.ews.MockStore.Item;
import dev.ferry.testkit.ews.MockStore.Mailbox;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
import org.w3c.dom.Node;
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
    private static final Session MAIL = Session.getInstance(new Properties());
    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    private final EwsSchemaValidator validator;
    private final MockStore store = new MockStore();
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
        return Mono.defer(() -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]);
                })
                // Schema validation and DOM parsing block: never on the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(body -> handle(headers, body, arrived))
                .delayUntil(answer -> responseDelay.isZero() ? Mono.empty() : Mono.delay(responseDelay))
                .flatMap(answer -> send(response, answer))
                .doFinally(signal -> inFlight.decrementAndGet());
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
        Context ctx = new Context(mailbox, opName, injected != null ? injected.kind() : null, injected != null ? injected.value() : 0);
        synchronized (store) {
            return Answer.xml(200, dispatch(ctx, operation));
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
        Element body = child(doc.getDocumentElement(), SOAP, "Body");
        List<Element> ops = body == null ? List.of() : children(body);
        return ops.isEmpty() ? null : ops.get(0);
    }

    private static @Nullable String impersonation(Document doc) {
        Element header = child(doc.getDocumentElement(), SOAP, "Header");
        Element imp = header == null ? null : child(header, TYPES, "ExchangeImpersonation");
        Element sid = imp == null ? null : child(imp, TYPES, "ConnectingSID");
        if (sid == null) {
            return null;
        }
        for (String name : List.of("SmtpAddress", "PrimarySmtpAddress", "PrincipalName")) {
            Element e = child(sid, TYPES, name);
            if (e != null) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    static @Nullable Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(@Nullable Element e) {
        return e == null ? "" : e.getTextContent().trim();
    }

    /** What one request is about: the mailbox it acts on and the misbehaviour that applies to it. */
    private record Context(Mailbox mailbox, String operation, Injection.@Nullable Kind injected, long injectedValue) {
        boolean busyInMessage() {
            return injected == Injection.Kind.SERVER_BUSY_MESSAGE;
        }

        boolean illegalRefs() {
            return injected == Injection.Kind.ILLEGAL_CHARACTER_REFERENCES;
        }
    }

    private String dispatch(Context ctx, Element op) {
        String name = op.getLocalName();
        if (!MESSAGES.equals(op.getNamespaceURI())) {
            return SoapOut.fault("ErrorInvalidRequest", "The request is invalid.", "The request is invalid.", "");
        }
        return switch (name) {
            case "GetFolder" -> getFolder(ctx, op);
            case "FindFolder" -> findFolder(ctx, op);
            case "CreateFolder" -> createFolder(ctx, op);
            case "DeleteFolder" -> deleteFolder(ctx, op);
            case "CreateItem" -> createItem(ctx, op);
            case "GetItem" -> getItem(ctx, op);
            case "GetAttachment" -> getAttachment(ctx, op);
            case "CopyItem", "MoveItem" -> copyOrMove(ctx, op, name.equals("MoveItem"));
            case "DeleteItem" -> deleteItem(ctx, op);
            case "UpdateItem" -> updateItem(ctx, op);
            case "FindItem" -> findItem(ctx, op);
            default -> SoapOut.fault("ErrorInvalidOperation", "The mock does not implement " + name + ".",
                    "The mock does not implement " + name + ".", "");
        };
    }

    private static boolean busy(SoapOut out, Context ctx, String op) {
        if (ctx.busyInMessage()) {
            out.error(op, "ErrorServerBusy", "The server cannot service this request right now. Try again later.",
                    "<t:Value Name=\"BackOffMilliseconds\">" + ctx.injectedValue() + "</t:Value>").endMessage(op);
            return true;
        }
        return false;
    }

    /** A folder named by a FolderId or DistinguishedFolderId element, or the error code why not. */
    private Object resolveFolder(Context ctx, Element idElement) {
        if ("DistinguishedFolderId".equals(idElement.getLocalName())) {
            Mailbox mailbox = ctx.mailbox();
            Element mb = child(idElement, TYPES, "Mailbox");
            if (mb != null) {
                String smtp = text(child(mb, TYPES, "EmailAddress"));
                mailbox = store.mailboxes.get(smtp.toLowerCase(Locale.ROOT));
                if (mailbox == null) {
                    return "ErrorNonExistentMailbox";
                }
            }
            Folder f = store.distinguished(mailbox, idElement.getAttribute("Id"));
            return f == null ? "ErrorFolderNotFound" : f;
        }
        String id = idElement.getAttribute("Id");
        if (!wellFormedId(id)) {
            return "ErrorInvalidIdMalformed";
        }
        Folder f = store.folder(id);
        return f == null ? "ErrorItemNotFound" : f;
    }

    private static boolean wellFormedId(String id) {
        try {
            return id.length() >= 20 && Base64.getDecoder().decode(id).length >= 12;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String errorText(String code) {
        return switch (code) {
            case "ErrorInvalidIdMalformed" -> "Id is malformed.";
            case "ErrorItemNotFound" -> "The specified object was not found in the store., The process failed to get the correct properties.";
            case "ErrorFolderNotFound" -> "The specified folder could not be found in the store.";
            case "ErrorNonExistentMailbox" -> "The SMTP address has no mailbox associated with it.";
            case "ErrorDeleteDistinguishedFolder" -> "Distinguished folders cannot be deleted.";
            case "ErrorFolderExists" -> "A folder with the specified name already exists.";
            case "ErrorIrresolvableConflict" -> "The send or update operation could not be performed because the change key passed in the"
                    + " request does not match the current change key for the item., Cannot save changes made to an item to store."
                    + "SaveStatus: IrresolvableConflict";
            case "ErrorInvalidRecipients" -> "At least one recipient isn't valid.";
            case "ErrorMessageDispositionRequired" -> "MessageDisposition attribute is required.";
            default -> code;
        };
    }

    private void writeFolder(SoapOut out, Folder f, boolean idOnly) {
        String element = switch (f.folderClass) {
            case "IPF.Appointment" -> "t:CalendarFolder";
            case "IPF.Contact" -> "t:ContactsFolder";
            case "IPF.Task" -> "t:TasksFolder";
            default -> "t:Folder";
        };
        out.open(element).empty("t:FolderId", "Id", f.id, "ChangeKey", f.changeKey);
        if (!idOnly) {
            if (f.parentId != null) {
                Folder parent = store.folder(f.parentId);
                out.empty("t:ParentFolderId", "Id", f.parentId, "ChangeKey", parent == null ? "AQAAAA==" : parent.changeKey);
            }
            if (!f.folderClass.isEmpty()) {
                out.element("t:FolderClass", f.folderClass);
            }
            int unread = 0;
            List<Item> items = store.itemsIn(f);
            for (Item i : items) {
                unread += i.isRead ? 0 : 1;
            }
            out.element("t:DisplayName", f.displayName).element("t:TotalCount", Integer.toString(items.size()))
                    .element("t:ChildFolderCount", Integer.toString(store.children(f, false).size()));
            if (element.equals("t:Folder")) {
                out.element("t:UnreadCount", Integer.toString(unread));
            }
        }
        out.close(element);
    }

    private static boolean idOnlyShape(Element op, String shapeName) {
        Element shape = child(op, MESSAGES, shapeName);
        return shape != null && "IdOnly".equals(text(child(shape, TYPES, "BaseShape"))) && child(shape, TYPES, "AdditionalProperties") == null;
    }

    private String getFolder(Context ctx, Element op) {
        boolean idOnly = idOnlyShape(op, "FolderShape");
        SoapOut out = SoapOut.response("GetFolder");
        for (Element id : children(child(op, MESSAGES, "FolderIds"))) {
            if (busy(out, ctx, "GetFolder")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("GetFolder", code, errorText(code)).raw("<m:Folders/>").endMessage("GetFolder");
            } else {
                out.success("GetFolder").open("m:Folders");
                writeFolder(out, (Folder) f, idOnly);
                out.close("m:Folders").endMessage("GetFolder");
            }
        }
        return out.endResponse("GetFolder");
    }

    private String findFolder(Context ctx, Element op) {
        boolean deep = "Deep".equals(op.getAttribute("Traversal"));
        boolean idOnly = idOnlyShape(op, "FolderShape");
        Element view = child(op, MESSAGES, "IndexedPageFolderView");
        SoapOut out = SoapOut.response("FindFolder");
        for (Element id : children(child(op, MESSAGES, "ParentFolderIds"))) {
            if (busy(out, ctx, "FindFolder")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("FindFolder", code, errorText(code)).endMessage("FindFolder");
                continue;
            }
            List<Folder> all = store.children((Folder) f, deep);
            page(out, "FindFolder", view, all, "t:Folders", folder -> writeFolder(out, folder, idOnly));
        }
        return out.endResponse("FindFolder");
    }

    private static <T> void page(SoapOut out, String op, @Nullable Element view, List<T> all, String listElement,
                                 java.util.function.Consumer<T> write) {
        int offset = view == null ? 0 : Integer.parseInt(view.getAttribute("Offset"));
        int max = view == null || view.getAttribute("MaxEntriesReturned").isEmpty() ? Integer.MAX_VALUE
                : Integer.parseInt(view.getAttribute("MaxEntriesReturned"));
        if (view != null && "End".equals(view.getAttribute("BasePoint"))) {
            List<T> reversed = new ArrayList<>(all);
            Collections.reverse(reversed);
            all = reversed;
        }
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + max, all.size());
        out.success(op).open("m:RootFolder", "IndexedPagingOffset", Integer.toString(to), "TotalItemsInView", Integer.toString(all.size()),
                "IncludesLastItemInRange", Boolean.toString(to >= all.size()));
        out.open(listElement);
        all.subList(from, to).forEach(write);
        out.close(listElement).close("m:RootFolder").endMessage(op);
    }

    private String createFolder(Context ctx, Element op) {
        SoapOut out = SoapOut.response("CreateFolder");
        Object parent = resolveFolder(ctx, children(child(op, MESSAGES, "ParentFolderId")).get(0));
        for (Element folder : children(child(op, MESSAGES, "Folders"))) {
            if (busy(out, ctx, "CreateFolder")) {
                continue;
            }
            if (parent instanceof String code) {
                out.error("CreateFolder", code, errorText(code)).raw("<m:Folders/>").endMessage("CreateFolder");
                continue;
            }
            String name = text(child(folder, TYPES, "DisplayName"));
            boolean exists = store.children((Folder) parent, false).stream().anyMatch(f -> f.displayName.equalsIgnoreCase(name));
            if (exists) {
                out.error("CreateFolder", "ErrorFolderExists", errorText("ErrorFolderExists")).raw("<m:Folders/>").endMessage("CreateFolder");
                continue;
            }
            String folderClass = child(folder, TYPES, "FolderClass") != null ? text(child(folder, TYPES, "FolderClass")) : "IPF.Note";
            Folder created = store.createFolder((Folder) parent, name, folderClass);
            out.success("CreateFolder").open("m:Folders");
            writeFolder(out, created, true);
            out.close("m:Folders").endMessage("CreateFolder");
        }
        return out.endResponse("CreateFolder");
    }

    private String deleteFolder(Context ctx, Element op) {
        String type = op.getAttribute("DeleteType");
        SoapOut out = SoapOut.response("DeleteFolder");
        for (Element id : children(child(op, MESSAGES, "FolderIds"))) {
            if (busy(out, ctx, "DeleteFolder")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("DeleteFolder", code, errorText(code)).endMessage("DeleteFolder");
            } else if (((Folder) f).distinguishedName != null) {
                out.error("DeleteFolder", "ErrorDeleteDistinguishedFolder", errorText("ErrorDeleteDistinguishedFolder")).endMessage("DeleteFolder");
            } else {
                Folder folder = (Folder) f;
                if (type.equals("MoveToDeletedItems")) {
                    Folder deleted = store.distinguished(folder.mailbox, "deleteditems");
                    folder.parentId = deleted == null ? folder.parentId : deleted.id;
                    folder.changeKey = store.newChangeKey();
                } else {
                    store.deleteFolder(folder);
                }
                out.success("DeleteFolder").endMessage("DeleteFolder");
            }
        }
        return out.endResponse("DeleteFolder");
    }

    private String createItem(Context ctx, Element op) {
        String disposition = op.getAttribute("MessageDisposition");
        Element savedTo = child(op, MESSAGES, "SavedItemFolderId");
        SoapOut out = SoapOut.response("CreateItem");
        for (Element item : children(child(op, MESSAGES, "Items"))) {
            if (busy(out, ctx, "CreateItem")) {
                continue;
            }
            byte[] mime = mimeOf(item);
            boolean sending = disposition.equals("SendOnly") || disposition.equals("SendAndSaveCopy");
            if (sending) {
                if (!hasRecipients(mime)) {
                    out.error("CreateItem", "ErrorInvalidRecipients", errorText("ErrorInvalidRecipients")).raw("<m:Items/>").endMessage("CreateItem");
                    continue;
                }
                sent.add(new SentMessage(ctx.mailbox().smtp, disposition, mime));
                if (disposition.equals("SendAndSaveCopy")) {
                    Object folder = savedTo == null ? store.distinguished(ctx.mailbox(), "sentitems") : resolveFolder(ctx, children(savedTo).get(0));
                    if (folder instanceof Folder f) {
                        store.addItem(f, mime, false);
                    }
                }
                out.success("CreateItem").raw("<m:Items/>").endMessage("CreateItem");
                continue;
            }
            Object folder = savedTo == null ? store.distinguished(ctx.mailbox(), "drafts") : resolveFolder(ctx, children(savedTo).get(0));
            if (folder instanceof String code) {
                out.error("CreateItem", code, errorText(code)).raw("<m:Items/>").endMessage("CreateItem");
                continue;
            }
            Item stored = store.addItem((Folder) folder, mime, isDraft(item));
            out.success("CreateItem").open("m:Items").open("t:Message").empty("t:ItemId", "Id", stored.id, "ChangeKey", stored.changeKey)
                    .close("t:Message").close("m:Items").endMessage("CreateItem");
        }
        return out.endResponse("CreateItem");
    }

    private static byte[] mimeOf(Element item) {
        Element mime = child(item, TYPES, "MimeContent");
        if (mime != null) {
            return Base64.getMimeDecoder().decode(text(mime));
        }
        String subject = text(child(item, TYPES, "Subject"));
        return ("Subject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Exchange shows an item created by SaveOnly as a draft unless PR_MESSAGE_FLAGS (0x0E07) says it was sent. */
    private static boolean isDraft(Element item) {
        for (Element e : children(item)) {
            if ("ExtendedProperty".equals(e.getLocalName())) {
                Element uri = child(e, TYPES, "ExtendedFieldURI");
                String tag = uri == null ? "" : uri.getAttribute("PropertyTag").toLowerCase(Locale.ROOT);
                if (tag.equals("3591") || tag.equals("0x0e07") || tag.equals("0xe07")) {
                    int flags = Integer.parseInt(text(child(e, TYPES, "Value")));
                    return (flags & 0x8) != 0;
                }
            }
        }
        return true;
    }

    private static boolean hasRecipients(byte[] mime) {
        try {
            MimeMessage m = new MimeMessage(MAIL, new ByteArrayInputStream(mime));
            return m.getAllRecipients() != null && m.getAllRecipients().length > 0;
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private @Nullable Item ownItem(Context ctx, String id) {
        Item item = store.item(id);
        if (item == null) {
            return null;
        }
        Folder f = store.folder(item.folderId);
        return f != null && f.mailbox == ctx.mailbox() ? item : null;
    }

    private String itemError(String id) {
        return wellFormedId(id) ? "ErrorItemNotFound" : "ErrorInvalidIdMalformed";
    }

    private String getItem(Context ctx, Element op) {
        Element shape = child(op, MESSAGES, "ItemShape");
        boolean mime = "true".equals(text(child(shape, TYPES, "IncludeMimeContent")));
        boolean idOnly = idOnlyShape(op, "ItemShape");
        SoapOut out = SoapOut.response("GetItem");
        for (Element id : children(child(op, MESSAGES, "ItemIds"))) {
            if (busy(out, ctx, "GetItem")) {
                continue;
            }
            Item item = ownItem(ctx, id.getAttribute("Id"));
            if (item == null) {
                String code = itemError(id.getAttribute("Id"));
                out.error("GetItem", code, errorText(code)).raw("<m:Items/>").endMessage("GetItem");
                continue;
            }
            out.success("GetItem").open("m:Items");
            writeItem(out, ctx, item, mime, !idOnly, true);
            out.close("m:Items").endMessage("GetItem");
        }
        return out.endResponse("GetItem");
    }

    private void writeItem(SoapOut out, Context ctx, Item item, boolean mime, boolean full, boolean attachments) {
        out.open("t:Message");
        if (mime) {
            out.open("t:MimeContent", "CharacterSet", "UTF-8").raw(Base64.getEncoder().encodeToString(item.mime)).close("t:MimeContent");
        }
        out.empty("t:ItemId", "Id", item.id, "ChangeKey", item.changeKey);
        if (full) {
            Folder f = store.folder(item.folderId);
            out.empty("t:ParentFolderId", "Id", item.folderId, "ChangeKey", f == null ? "AQAAAA==" : f.changeKey)
                    .element("t:ItemClass", "IPM.Note");
            String subject = SoapOut.escape(item.subject) + (ctx.illegalRefs() ? "&#x1;&#0;&#x1F;" : "");
            out.raw("<t:Subject>" + subject + "</t:Subject>").element("t:Sensitivity", item.sensitivity);
            if (attachments && !item.attachments.isEmpty()) {
                out.open("t:Attachments");
                for (MockStore.Attachment a : item.attachments) {
                    out.open("t:FileAttachment").empty("t:AttachmentId", "Id", a.id).element("t:Name", a.name)
                            .element("t:ContentType", a.contentType);
                    if (a.contentId != null) {
                        out.element("t:ContentId", a.contentId);
                    }
                    out.element("t:Size", Integer.toString(a.content.length))
                            .element("t:LastModifiedTime", UTC.format(item.received).replace("Z", ""))
                            .element("t:IsInline", Boolean.toString(a.inline)).element("t:IsContactPhoto", "false")
                            .close("t:FileAttachment");
                }
                out.close("t:Attachments");
            }
            out.element("t:DateTimeReceived", UTC.format(item.received)).element("t:Size", Integer.toString(item.mime.length));
            if (!item.categories.isEmpty()) {
                out.open("t:Categories");
                item.categories.forEach(c -> out.element("t:String", c));
                out.close("t:Categories");
            }
            out.element("t:Importance", item.importance).element("t:IsDraft", Boolean.toString(item.isDraft))
                    .element("t:HasAttachments", Boolean.toString(item.attachments.stream().anyMatch(a -> !a.inline)));
            if (item.fromAddress != null) {
                out.open("t:From").open("t:Mailbox");
                if (item.fromName != null) {
                    out.element("t:Name", item.fromName);
                }
                out.element("t:EmailAddress", item.fromAddress).element("t:RoutingType", "SMTP").close("t:Mailbox").close("t:From");
            }
            out.element("t:IsRead", Boolean.toString(item.isRead));
        }
        out.close("t:Message");
    }

    private String getAttachment(Context ctx, Element op) {
        SoapOut out = SoapOut.response("GetAttachment");
        for (Element id : children(child(op, MESSAGES, "AttachmentIds"))) {
            if (busy(out, ctx, "GetAttachment")) {
                continue;
            }
            MockStore.Attachment a = store.attachment(id.getAttribute("Id"));
            if (a == null) {
                String code = itemError(id.getAttribute("Id"));
                out.error("GetAttachment", code, errorText(code)).raw("<m:Attachments/>").endMessage("GetAttachment");
                continue;
            }
            out.success("GetAttachment").open("m:Attachments").open("t:FileAttachment").empty("t:AttachmentId", "Id", a.id)
                    .element("t:Name", a.name).element("t:ContentType", a.contentType);
            if (a.contentId != null) {
                out.element("t:ContentId", a.contentId);
            }
            out.element("t:Size", Integer.toString(a.content.length)).element("t:IsInline", Boolean.toString(a.inline))
                    .element("t:IsContactPhoto", "false")
                    .open("t:Content").raw(Base64.getEncoder().encodeToString(a.content)).close("t:Content")
                    .close("t:FileAttachment").close("m:Attachments").endMessage("GetAttachment");
        }
        return out.endResponse("GetAttachment");
    }

    private String copyOrMove(Context ctx, Element op, boolean move) {
        String name = move ? "MoveItem" : "CopyItem";
        Object target = resolveFolder(ctx, children(child(op, MESSAGES, "ToFolderId")).get(0));
        boolean returnIds = !"false".equals(text(child(op, MESSAGES, "ReturnNewItemIds")));
        SoapOut out = SoapOut.response(name);
        for (Element id : children(child(op, MESSAGES, "ItemIds"))) {
            if (busy(out, ctx, name)) {
                continue;
            }
            Item item = ownItem(ctx, id.getAttribute("Id"));
            if (item == null || target instanceof String) {
                String code = item == null ? itemError(id.getAttribute("Id")) : (String) target;
                out.error(name, code, errorText(code)).raw("<m:Items/>").endMessage(name);
                continue;
            }
            Folder to = (Folder) target;
            Item copy = store.copy(item, to);
            if (move) {
                store.remove(item);
            }
            // Into another mailbox Exchange creates the item but cannot return its id.
            if (returnIds && to.mailbox == ctx.mailbox()) {
                out.success(name).open("m:Items").open("t:Message").empty("t:ItemId", "Id", copy.id, "ChangeKey", copy.changeKey)
                        .close("t:Message").close("m:Items").endMessage(name);
            } else {
                out.success(name).raw("<m:Items/>").endMessage(name);
            }
        }
        return out.endResponse(name);
    }

    private String deleteItem(Context ctx, Element op) {
        String type = op.getAttribute("DeleteType");
        SoapOut out = SoapOut.response("DeleteItem");
        for (Element id : children(child(op, MESSAGES, "ItemIds"))) {
            if (busy(out, ctx, "DeleteItem")) {
                continue;
            }
            Item item = ownItem(ctx, id.getAttribute("Id"));
            if (item == null) {
                String code = itemError(id.getAttribute("Id"));
                out.error("DeleteItem", code, errorText(code)).endMessage("DeleteItem");
                continue;
            }
            switch (type) {
                case "MoveToDeletedItems" -> {
                    Folder deleted = store.distinguished(ctx.mailbox(), "deleteditems");
                    item.folderId = deleted.id;
                    item.changeKey = store.newChangeKey();
                }
                case "SoftDelete" -> {
                    Folder dumpster = store.distinguished(ctx.mailbox(), "recoverableitemsdeletions");
                    item.folderId = dumpster.id;
                    item.changeKey = store.newChangeKey();
                }
                default -> store.remove(item);
            }
            out.success("DeleteItem").endMessage("DeleteItem");
        }
        return out.endResponse("DeleteItem");
    }

    private String updateItem(Context ctx, Element op) {
        String conflict = op.getAttribute("ConflictResolution");
        String disposition = op.getAttribute("MessageDisposition");
        SoapOut out = SoapOut.response("UpdateItem");
        for (Element change : children(child(op, MESSAGES, "ItemChanges"))) {
            if (busy(out, ctx, "UpdateItem")) {
                continue;
            }
            Element idElement = child(change, TYPES, "ItemId");
            String id = idElement == null ? "" : idElement.getAttribute("Id");
            Item item = ownItem(ctx, id);
            String code = null;
            if (item == null) {
                code = itemError(id);
            } else if (disposition.isEmpty()) {
                code = "ErrorMessageDispositionRequired";
            } else if (idElement.hasAttribute("ChangeKey") && !idElement.getAttribute("ChangeKey").equals(item.changeKey)
                    && conflict.equals("NeverOverwrite")) {
                code = "ErrorIrresolvableConflict";
            }
            if (code != null) {
                out.error("UpdateItem", code, errorText(code)).raw("<m:Items/>").endMessage("UpdateItem");
                continue;
            }
            for (Element update : children(child(change, TYPES, "Updates"))) {
                apply(item, update);
            }
            item.changeKey = store.newChangeKey();
            out.success("UpdateItem").open("m:Items").open("t:Message").empty("t:ItemId", "Id", item.id, "ChangeKey", item.changeKey)
                    .close("t:Message").close("m:Items").open("m:ConflictResults").element("t:Count", "0").close("m:ConflictResults")
                    .endMessage("UpdateItem");
        }
        return out.endResponse("UpdateItem");
    }

    private void apply(Item item, Element update) {
        String kind = update.getLocalName();
        Element uri = child(update, TYPES, "FieldURI");
        String field = uri == null ? "" : uri.getAttribute("FieldURI");
        Element holder = null;
        for (Element e : children(update)) {
            if (!"FieldURI".equals(e.getLocalName()) && !"ExtendedFieldURI".equals(e.getLocalName())
                    && !"IndexedFieldURI".equals(e.getLocalName())) {
                holder = e;
            }
        }
        Element value = holder == null || children(holder).isEmpty() ? null : children(holder).get(0);
        boolean delete = kind.equals("DeleteItemField");
        boolean append = kind.equals("AppendToItemField");
        switch (field) {
            case "item:Subject" -> store.rewriteSubject(item, delete ? "" : text(value));
            case "message:IsRead" -> item.isRead = !delete && Boolean.parseBoolean(text(value));
            case "item:Importance" -> item.importance = delete ? "Normal" : text(value);
            case "item:Sensitivity" -> item.sensitivity = delete ? "Normal" : text(value);
            case "item:Categories" -> {
                List<String> values = new ArrayList<>();
                if (value != null) {
                    children(value).forEach(s -> values.add(s.getTextContent()));
                }
                if (delete) {
                    item.categories.clear();
                } else if (append) {
                    item.categories.addAll(values);
                } else {
                    item.categories = values;
                }
            }
            case "item:Body" -> item.appendedBody = delete ? "" : (append ? item.appendedBody : "") + text(value);
            default -> {
                // Recipients and receipt flags: accepted; the mock keeps what its MIME says.
            }
        }
    }

    private String findItem(Context ctx, Element op) {
        Element view = child(op, MESSAGES, "IndexedPageItemView");
        boolean idOnly = idOnlyShape(op, "ItemShape");
        boolean descending = false;
        Element sort = child(op, MESSAGES, "SortOrder");
        if (sort != null && !children(sort).isEmpty()) {
            descending = "Descending".equals(children(sort).get(0).getAttribute("Order"));
        }
        String traversal = op.getAttribute("Traversal");
        SoapOut out = SoapOut.response("FindItem");
        for (Element id : children(child(op, MESSAGES, "ParentFolderIds"))) {
            if (busy(out, ctx, "FindItem")) {
                continue;
            }
            Object f = resolveFolder(ctx, id);
            if (f instanceof String code) {
                out.error("FindItem", code, errorText(code)).endMessage("FindItem");
                continue;
            }
            List<Item> all = traversal.equals("Shallow") ? new ArrayList<>(store.itemsIn((Folder) f)) : new ArrayList<>();
            all.sort((a, b) -> a.received.compareTo(b.received));
            if (descending) {
                Collections.reverse(all);
            }
            page(out, "FindItem", view, all, "t:Items", item -> writeItem(out, ctx, item, false, !idOnly, false));
        }
        return out.endResponse("FindItem");
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
