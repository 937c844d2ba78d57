package dev.ferry.spring.autoconfigure;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.oss.OssClient;
import dev.ferry.spring.FerryOssClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * An {@link OssClient} from {@code ferry.oss.*}, when the OSS module is on the class path and a
 * region is set; it backs off when the application defines its own.
 */
@AutoConfiguration(after = FerryEngineAutoConfiguration.class)
@ConditionalOnClass(OssClient.class)
@ConditionalOnProperty(prefix = "ferry.oss", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "ferry.oss", name = "region")
@EnableConfigurationProperties(FerryOssProperties.class)
public class FerryOssAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(OssClient.class)
    OssClient ferryOssClient(FerryOssProperties properties, HttpEngine engine, ObjectProvider<FerryOssClientCustomizer> customizers) {
        OssClient.Builder builder = OssClient.builder()
                .engine(engine)
                .region(properties.getRegion())
                .signatureVersion(properties.getSignatureVersion());
        if (properties.getEndpoint() != null) {
            builder.endpoint(properties.getEndpoint());
        }
        if (properties.getAddressing() != null) {
            builder.addressing(properties.getAddressing());
        }
        FerryOssProperties.Credentials c = properties.getCredentials();
        if (c.getAccessKeyId() != null || c.getAccessKeySecret() != null) {
            if (c.getAccessKeyId() == null || c.getAccessKeySecret() == null) {
                throw new IllegalArgumentException("ferry.oss.credentials needs both access-key-id and access-key-secret (or neither,"
                        + " for the OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET environment variables)");
            }
            builder.credentials(CredentialsProvider.of(Credentials.of(c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken())));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
