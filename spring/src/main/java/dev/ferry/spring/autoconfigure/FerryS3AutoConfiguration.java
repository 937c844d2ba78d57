package dev.ferry.spring.autoconfigure;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.TransferConfig;
import dev.ferry.spring.FerryS3ClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * An {@link S3Client} and {@link S3Transfers} from {@code ferry.s3.*}, when the S3 module is on the
 * class path and an endpoint or a region is set. Each backs off when the application defines its own.
 */
@AutoConfiguration(after = FerryEngineAutoConfiguration.class)
@ConditionalOnClass(S3Client.class)
@ConditionalOnProperty(prefix = "ferry.s3", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(FerryS3AutoConfiguration.EndpointOrRegion.class)
@EnableConfigurationProperties(FerryS3Properties.class)
public class FerryS3AutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(S3Client.class)
    S3Client ferryS3Client(FerryS3Properties properties, HttpEngine engine, ObjectProvider<FerryS3ClientCustomizer> customizers) {
        S3Client.Builder builder = S3Client.builder()
                .engine(engine)
                .credentials(credentials(properties.getCredentials()))
                .uploadIntegrity(properties.getUploadIntegrity())
                .checksumAlgorithm(properties.getChecksumAlgorithm())
                .verifyDownloads(properties.isVerifyDownloads());
        if (properties.getEndpoint() != null) {
            builder.endpoint(properties.getEndpoint());
        }
        if (properties.getRegion() != null) {
            builder.region(properties.getRegion());
        }
        if (properties.getPathStyle() != null) {
            builder.pathStyle(properties.getPathStyle());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(S3Transfers.class)
    S3Transfers ferryS3Transfers(S3Client s3, FerryS3Properties properties) {
        FerryS3Properties.Transfer transfer = properties.getTransfer();
        TransferConfig.Builder config = TransferConfig.builder();
        if (transfer.getPartSize() != null) {
            config.partSize(transfer.getPartSize().toBytes());
        }
        if (transfer.getMultipartThreshold() != null) {
            config.multipartThreshold(transfer.getMultipartThreshold().toBytes());
        }
        if (transfer.getPartsInFlight() != null) {
            config.partsInFlight(transfer.getPartsInFlight());
        }
        try {
            return S3Transfers.create(s3, config.build());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid ferry.s3.transfer.* setting: " + e.getMessage(), e);
        }
    }

    private static CredentialsProvider credentials(FerryS3Properties.Credentials c) {
        if (c.getAccessKey() == null && c.getSecretKey() == null) {
            return CredentialsProvider.defaultChain();
        }
        if (c.getAccessKey() == null || c.getSecretKey() == null) {
            throw new IllegalArgumentException("ferry.s3.credentials needs both access-key and secret-key (or neither, for the"
                    + " default chain: environment, then profile); only " + (c.getAccessKey() == null ? "secret-key" : "access-key")
                    + " is set");
        }
        return CredentialsProvider.of(Credentials.of(c.getAccessKey(), c.getSecretKey(), c.getSessionToken()));
    }

    /** S3 is configured once it has somewhere to go: an endpoint, or an AWS region. */
    static final class EndpointOrRegion extends AnyNestedCondition {
        EndpointOrRegion() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "ferry.s3", name = "endpoint")
        static final class HasEndpoint {
        }

        @ConditionalOnProperty(prefix = "ferry.s3", name = "region")
        static final class HasRegion {
        }
    }
}
