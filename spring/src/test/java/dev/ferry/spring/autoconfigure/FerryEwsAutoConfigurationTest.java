package dev.ferry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.ews.EwsClient;
import dev.ferry.spring.FerryEwsOptionsCustomizer;
import dev.ferry.testkit.ews.MockExchange;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Against the testkit's mock Exchange, which validates every request against Microsoft's schema (in ../shared). */
class FerryEwsAutoConfigurationTest {
    private static MockExchange exchange;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FerryEngineAutoConfiguration.class, FerryEwsAutoConfiguration.class));

    @BeforeAll
    static void start() {
        Optional<MockExchange> started = MockExchange.startWithSharedSchema();
        Assumptions.assumeTrue(started.isPresent(), "the EWS schema in ../shared is absent: the mock Exchange cannot validate requests");
        exchange = started.get().basicUser("ferry-user", "ferry-password", "sadie@contoso.com");
    }

    @AfterAll
    static void stop() {
        if (exchange != null) {
            exchange.close();
        }
    }

    @Test
    void basicCredentialsConnectAtStartupWithTheCustomizedOptions() {
        int earlier = exchange.requests().size();
        runner.withPropertyValues("ferry.ews.endpoint=" + exchange.endpoint(), "ferry.ews.basic.username=ferry-user",
                        "ferry.ews.basic.password=ferry-password", "ferry.ews.server-version=Exchange2016")
                .withBean(FerryEwsOptionsCustomizer.class, () -> options -> options.userAgent("customized-agent"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EwsClient.class);
                    EwsClient client = context.getBean(EwsClient.class);
                    assertThat(client.options().serverVersion()).isEqualTo("Exchange2016");
                    assertThat(client.options().userAgent()).isEqualTo("customized-agent");
                    assertThat(exchange.requests().subList(earlier, exchange.requests().size())).as("the connect call").isNotEmpty()
                            .allSatisfy(request -> assertThat(request.header("User-Agent")).isEqualTo("customized-agent"));
                });
    }

    @Test
    void aWrongPasswordStopsStartup() {
        runner.withPropertyValues("ferry.ews.endpoint=" + exchange.endpoint(), "ferry.ews.basic.username=ferry-user",
                        "ferry.ews.basic.password=wrong")
                .run(context -> assertThat(context).hasFailed());
    }
}
