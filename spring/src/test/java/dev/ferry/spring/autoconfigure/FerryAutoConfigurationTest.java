package dev.ferry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.ews.EwsClient;
import dev.ferry.oss.OssClient;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.TransferConfig;
import dev.ferry.spring.FerryOssClientCustomizer;
import dev.ferry.spring.FerryS3ClientCustomizer;
import dev.ferry.testkit.oss.OssMockServer;
import dev.ferry.testkit.s3.S3ProxyServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class FerryAutoConfigurationTest {
    private static S3ProxyServer s3;
    private static OssMockServer oss;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FerryEngineAutoConfiguration.class, FerryS3AutoConfiguration.class,
                    FerryEwsAutoConfiguration.class, FerryOssAutoConfiguration.class));

    @BeforeAll
    static void startServers() {
        s3 = S3ProxyServer.startInMemory();
        oss = OssMockServer.start().createBucket("ferry-bucket");
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        oss.close();
    }

    private String[] s3Properties() {
        return new String[] {"ferry.s3.endpoint=" + s3.endpoint(), "ferry.s3.region=" + S3ProxyServer.REGION,
                "ferry.s3.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
                "ferry.s3.credentials.secret-key=" + S3ProxyServer.SECRET_KEY};
    }

    private String[] ossProperties() {
        return new String[] {"ferry.oss.region=" + OssMockServer.REGION, "ferry.oss.endpoint=" + oss.endpoint(),
                "ferry.oss.credentials.access-key-id=" + OssMockServer.ACCESS_KEY_ID,
                "ferry.oss.credentials.access-key-secret=" + OssMockServer.ACCESS_KEY_SECRET};
    }

    @Test
    void withoutFerryPropertiesThereIsAnEngineButNoClient() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(HttpEngine.class);
            assertThat(context).doesNotHaveBean(S3Client.class).doesNotHaveBean(S3Transfers.class)
                    .doesNotHaveBean(EwsClient.class).doesNotHaveBean(OssClient.class);
        });
    }

    @Test
    void s3PropertiesMakeAWorkingClientAndTransfers() {
        runner.withPropertyValues(s3Properties())
                .withPropertyValues("ferry.s3.transfer.part-size=16MB", "ferry.s3.transfer.parts-in-flight=2",
                        "ferry.engine.max-connections=7")
                .run(context -> {
                    assertThat(context).hasSingleBean(S3Client.class).hasSingleBean(S3Transfers.class);
                    TransferConfig transfer = context.getBean(S3Transfers.class).config();
                    assertThat(transfer.partSize()).isEqualTo(16 * TransferConfig.MIB);
                    assertThat(transfer.partsInFlight()).isEqualTo(2);
                    assertThat(context.getBean(HttpEngine.class).config().maxConnectionsPerHost()).isEqualTo(7);
                    // The bound endpoint and credentials are the server's: S3Proxy checks the signature.
                    context.getBean(S3Client.class).createBucket(CreateBucketRequest.of("bound-properties")).block(Duration.ofSeconds(10));
                    assertThat(context.getBean(S3Client.class).listBuckets().map(b -> b.name()).collectList().block(Duration.ofSeconds(10)))
                            .contains("bound-properties");
                });
    }

    @Test
    void theApplicationsOwnS3ClientWins() {
        runner.withPropertyValues(s3Properties()).withUserConfiguration(OwnS3Client.class).run(context -> {
            assertThat(context).hasSingleBean(S3Client.class);
            assertThat(context.getBean(S3Client.class)).isSameAs(context.getBean(OwnS3Client.class).client);
            assertThat(context).hasSingleBean(S3Transfers.class);
        });
    }

    @Test
    void withoutTheS3ModuleOnlyTheOtherClientsAreConfigured() {
        runner.withClassLoader(new FilteredClassLoader(S3Client.class))
                .withPropertyValues(s3Properties()).withPropertyValues(ossProperties())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("ferryS3Client").doesNotHaveBean("ferryS3Transfers");
                    assertThat(context).hasSingleBean(OssClient.class);
                });
    }

    @Test
    void withoutTheEwsModuleAnEwsEndpointConfiguresNothing() {
        // With the module there, an endpoint without credentials fails startup.
        runner.withClassLoader(new FilteredClassLoader(EwsClient.class))
                .withPropertyValues("ferry.ews.endpoint=https://outlook.office365.com/EWS/Exchange.asmx")
                .withPropertyValues(ossProperties())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("ferryEwsClient").doesNotHaveBean(FerryEwsProperties.class);
                    assertThat(context).hasSingleBean(OssClient.class);
                });
    }

    @Test
    void withoutTheOssModuleOnlyTheOtherClientsAreConfigured() {
        runner.withClassLoader(new FilteredClassLoader(OssClient.class))
                .withPropertyValues(ossProperties()).withPropertyValues(s3Properties())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("ferryOssClient").doesNotHaveBean(FerryOssProperties.class);
                    assertThat(context).hasSingleBean(S3Client.class).hasSingleBean(S3Transfers.class);
                });
    }

    @Test
    void s3CanBeSwitchedOff() {
        runner.withPropertyValues(s3Properties()).withPropertyValues("ferry.s3.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(S3Client.class));
    }

    @Test
    void halfGivenCredentialsFailStartupNamingTheMissingProperty() {
        runner.withPropertyValues("ferry.s3.region=eu-west-1", "ferry.s3.credentials.access-key=AKIA")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("ferry.s3.credentials needs both access-key and secret-key"));
    }

    @Test
    void customizersRunInOrderOnTheBuilders() {
        runner.withPropertyValues(s3Properties()).withPropertyValues(ossProperties()).withUserConfiguration(Customizers.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(S3Client.class).hasSingleBean(OssClient.class);
                    List<String> calls = context.getBean(Customizers.class).calls;
                    assertThat(calls).containsExactlyInAnyOrder("s3 first", "s3 second", "oss");
                    assertThat(calls.stream().filter(call -> call.startsWith("s3"))).containsExactly("s3 first", "s3 second");
                });
    }

    @Test
    void ossPropertiesMakeAClientThatTheMockAccepts() {
        runner.withPropertyValues(ossProperties()).run(context -> {
            OssClient client = context.getBean(OssClient.class);
            client.putObject(dev.ferry.oss.model.PutObjectRequest.of("ferry-bucket", "bound.txt"),
                    dev.ferry.core.http.RequestBody.fromString("signed with the bound key")).block(Duration.ofSeconds(10));
            assertThat(oss.keys("ferry-bucket")).contains("bound.txt");
        });
    }

    @Test
    void ewsEndpointWithoutCredentialsFailsStartupSayingWhatToSet() {
        runner.withPropertyValues("ferry.ews.endpoint=https://outlook.office365.com/EWS/Exchange.asmx")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("ferry.ews.oauth.tenant"));
    }

    @Test
    void ferryCreatedEngineIsClosedWithTheContext() {
        HttpEngine[] engine = new HttpEngine[1];
        runner.run(context -> engine[0] = context.getBean(HttpEngine.class));
        assertThat(engine[0].toString()).contains("closed");
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnS3Client {
        final S3Client client = S3Client.builder().endpoint("http://127.0.0.1:1").region("us-east-1").credentials("a", "b").build();

        @Bean
        S3Client myS3Client() {
            return client;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        FerryS3ClientCustomizer second() {
            return builder -> calls.add("s3 second");
        }

        @Bean
        @Order(1)
        FerryS3ClientCustomizer first() {
            return builder -> calls.add("s3 first");
        }

        @Bean
        FerryOssClientCustomizer ossCustomizer() {
            return builder -> calls.add("oss");
        }
    }
}
