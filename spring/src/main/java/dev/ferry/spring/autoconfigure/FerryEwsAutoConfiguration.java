package dev.ferry.spring.autoconfigure;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.ews.EntraTokenProvider;
import dev.ferry.ews.EwsClient;
import dev.ferry.ews.EwsCredentials;
import dev.ferry.ews.EwsOptions;
import dev.ferry.spring.FerryEwsOptionsCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * An {@link EwsClient} from {@code ferry.ews.*}, when the EWS module is on the class path and an
 * endpoint is set; it backs off when the application defines its own.
 *
 * <p>The client is connected while the context starts (one GetFolder of the mailbox root), as
 * {@link EwsClient#connect} does, so that a wrong endpoint, password or permission stops the
 * application at startup with Exchange's answer rather than on its first mail. Startup runs on the
 * main thread, never an event loop, so waiting there is allowed.
 */
@AutoConfiguration(after = FerryEngineAutoConfiguration.class)
@ConditionalOnClass(EwsClient.class)
@ConditionalOnProperty(prefix = "ferry.ews", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "ferry.ews", name = "endpoint")
@EnableConfigurationProperties(FerryEwsProperties.class)
public class FerryEwsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EwsClient.class)
    EwsClient ferryEwsClient(FerryEwsProperties properties, HttpEngine engine, ObjectProvider<FerryEwsOptionsCustomizer> customizers) {
        EwsOptions.Builder options = EwsOptions.builder().engine(engine).impersonate(properties.getImpersonate());
        if (properties.getServerVersion() != null) {
            options.serverVersion(properties.getServerVersion());
        }
        if (properties.getMaxConcurrentRequests() != null) {
            options.maxConcurrentRequestsPerMailbox(properties.getMaxConcurrentRequests());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(options));
        EwsClient client = EwsClient.connect(properties.getEndpoint(), credentials(properties, engine), options.build())
                .block(properties.getConnectTimeout());
        if (client == null) {
            throw new IllegalStateException("connecting to EWS at " + properties.getEndpoint() + " completed without a client");
        }
        return client;
    }

    static EwsCredentials credentials(FerryEwsProperties properties, HttpEngine engine) {
        FerryEwsProperties.OAuth oauth = properties.getOauth();
        FerryEwsProperties.Basic basic = properties.getBasic();
        boolean hasOauth = oauth.getTenant() != null || oauth.getClientId() != null || oauth.getClientSecret() != null;
        boolean hasBasic = basic.getUsername() != null || basic.getPassword() != null;
        if (hasOauth == hasBasic) {
            throw new IllegalArgumentException(hasOauth
                    ? "ferry.ews has both oauth and basic credentials: configure one of them"
                    : "ferry.ews.endpoint is set but no credentials are: set ferry.ews.oauth.tenant, client-id and client-secret"
                            + " (Exchange Online) or ferry.ews.basic.username and password (on-premises)");
        }
        if (hasBasic) {
            if (basic.getUsername() == null || basic.getPassword() == null) {
                throw new IllegalArgumentException("ferry.ews.basic needs both username and password");
            }
            return EwsCredentials.basic(basic.getUsername(), basic.getPassword());
        }
        if (oauth.getTenant() == null || oauth.getClientId() == null || oauth.getClientSecret() == null) {
            throw new IllegalArgumentException("ferry.ews.oauth needs tenant, client-id and client-secret; missing: "
                    + (oauth.getTenant() == null ? "tenant " : "") + (oauth.getClientId() == null ? "client-id " : "")
                    + (oauth.getClientSecret() == null ? "client-secret" : "").trim());
        }
        EntraTokenProvider.Builder tokens = EntraTokenProvider.builder(oauth.getTenant(), oauth.getClientId(), oauth.getClientSecret())
                .engine(engine);
        if (oauth.getAuthority() != null) {
            tokens.authority(oauth.getAuthority());
        }
        if (oauth.getScope() != null) {
            tokens.scope(oauth.getScope());
        }
        return EwsCredentials.oauth(tokens.build());
    }
}
