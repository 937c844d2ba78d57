package dev.ferry.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.OssClient;
import dev.ferry.oss.model.ProcessInstruction;
import dev.ferry.oss.model.PutObjectRequest;
import dev.ferry.testkit.oss.Fault;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebfluxAppIT {
    private static final Servers servers = new Servers();

    @DynamicPropertySource
    static void pointTheStarterAtTheServers(DynamicPropertyRegistry registry) {
        servers.register(registry);
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    OssClient oss;
    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60))
                // Downloads are checked whole here; the app itself streams them.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .build();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void rawUploadInPartsThenDownloadStreamsTheSameBytesWithLengthAndType() {
        byte[] content = bytes(20 * 1024 * 1024 + 17);   // three parts of 8 MiB at most

        client.put().uri("/objects/raw/big.bin").contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(content)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.key").isEqualTo("raw/big.bin")
                .jsonPath("$.size").isEqualTo(content.length)
                .jsonPath("$.parts").isEqualTo(3);

        client.get().uri("/objects/raw/big.bin").exchange()
                .expectStatus().isOk()
                .expectHeader().contentLength(content.length)
                .expectHeader().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .expectBody(byte[].class).value(body -> assertThat(body).isEqualTo(content));
    }

    @Test
    void multipartFormUploadStreamsTheFilePart() {
        byte[] content = bytes(300_000);
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "report.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        form.part("key", "forms/report.pdf");

        client.post().uri("/objects").body(BodyInserters.fromMultipartData(form.build())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.key").isEqualTo("forms/report.pdf").jsonPath("$.size").isEqualTo(content.length);

        client.get().uri("/objects/forms/report.pdf").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).value(body -> assertThat(body).isEqualTo(content));
    }

    @Test
    void listingIsJson() {
        client.put().uri("/objects/listed/a.txt").contentType(MediaType.TEXT_PLAIN).bodyValue("a").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.key").isEqualTo("listed/a.txt");

        client.get().uri(b -> b.path("/objects").queryParam("prefix", "listed/").build()).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$[0].key").isEqualTo("listed/a.txt").jsonPath("$[0].size").isEqualTo(1);
    }

    @Test
    void aMissingObjectIsA404Problem() {
        client.get().uri("/objects/no/such/key").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("NoSuchKey")
                .jsonPath("$.service").isEqualTo("s3");
    }

    @Test
    void anUploadWithoutAKeyIsA400Problem() {
        client.put().uri("/objects/").bodyValue("x").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("object key is required"));
    }

    @Test
    void ossAsyncProcessingAnswersWithTheParsedTask() {
        oss.putObject(PutObjectRequest.of("docs", "report.docx"), RequestBody.fromString("not really a document"))
                .block(Duration.ofSeconds(10));
        String process = ProcessInstruction.builder().action("doc/convert,target_png,source_docx")
                .saveAs("docs", "pages/{index}.png").build().toString();

        client.post().uri("/oss/async-process").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bucket", "docs", "key", "report.docx", "process", process)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.taskId").isNotEmpty()
                .jsonPath("$.eventId").isNotEmpty()
                .jsonPath("$.requestId").isNotEmpty();
        assertThat(servers.oss.asyncTasks()).isNotEmpty();
    }

    @Test
    void ossProcessingOfAMissingBucketIsAProblemNamingIt() {
        client.post().uri("/oss/async-process").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bucket", "no-such-bucket", "key", "x.docx", "process", "doc/convert,target_png|sys/saveas,b_bm8,o_eA"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("NoSuchBucket");
    }

    /** What the app asks OSS to process; the mock answers with an injected fault before it looks at it. */
    private WebTestClient.ResponseSpec startProcessing() {
        return client.post().uri("/oss/async-process").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("bucket", "docs", "key", "report.docx", "process", "doc/convert,target_png|sys/saveas,b_ZG9jcw,o_eA"))
                .exchange();
    }

    @ParameterizedTest
    @CsvSource({"500, InternalError", "503, ServiceUnavailable", "429, TooManyRequests"})
    void aServicesFailureOrThrottlingIsA503ProblemSoThatTheCallerMayRetry(int status, String code) {
        // Once: AsyncProcessObject is not idempotent, so the client does not retry it.
        servers.oss.inject(Fault.xml(status, code, "injected by the test").onMethod("POST").onQuery("x-oss-async-process"));

        startProcessing()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo(code)
                .jsonPath("$.type").isEqualTo("urn:ferry:service-error")
                .jsonPath("$.service").isEqualTo("oss")
                .jsonPath("$.serviceStatus").isEqualTo(status)
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void aServicesOtherRefusalIsA502Problem() {
        servers.oss.inject(Fault.xml(403, "AccessDenied", "You have no right to access this object.")
                .onMethod("POST").onQuery("x-oss-async-process"));

        startProcessing()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.title").isEqualTo("AccessDenied")
                .jsonPath("$.service").isEqualTo("oss")
                .jsonPath("$.serviceStatus").isEqualTo(403);
    }

    @Test
    void mailIsSentThroughExchange() {
        Assumptions.assumeTrue(servers.exchange != null, "../shared is absent: no mock Exchange");

        client.post().uri("/mail").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", java.util.List.of("ops@contoso.com"), "subject", "nightly backup", "text", "stored"))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().isEmpty();
        assertThat(servers.exchange.sentMessages()).anySatisfy(sent -> assertThat(sent.mimeAsString()).contains("nightly backup"));
    }

    @Test
    void mailWithoutRecipientsIsA400Problem() {
        client.post().uri("/mail").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("subject", "nobody")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'to' must name at least one recipient"));
    }
}
