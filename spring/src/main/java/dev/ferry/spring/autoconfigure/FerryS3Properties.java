package dev.ferry.spring.autoconfigure;

import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.model.ChecksumAlgorithm;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * {@code ferry.s3.*}: the auto-configured {@code S3Client} and {@code S3Transfers}. The client is
 * created once an endpoint or a region is set (and {@code ferry.s3.enabled} is not false).
 */
@ConfigurationProperties("ferry.s3")
public class FerryS3Properties {
    /** Whether to create the S3 client when it is configured. */
    private boolean enabled = true;
    /** The service endpoint of an S3-compatible store, such as http://127.0.0.1:9000. Leave out for AWS. */
    private @Nullable URI endpoint;
    /** The signing region, and without an endpoint the AWS region to talk to. Default: AWS_REGION, else us-east-1. */
    private @Nullable String region;
    /**
     * Path-style addressing (host/bucket/key) instead of virtual-hosted (bucket.host/key). Default: path
     * style for an endpoint given as an IP address or localhost, virtual-hosted otherwise.
     */
    private @Nullable Boolean pathStyle;
    /** How uploads vouch for their bytes. Default: SIGNED_PAYLOAD. */
    private UploadIntegrity uploadIntegrity = UploadIntegrity.SIGNED_PAYLOAD;
    /** A flexible checksum sent with every upload and stored with the object. Default: none. */
    private @Nullable ChecksumAlgorithm checksumAlgorithm;
    /** Whether downloads are checked against the object's checksum or MD5 ETag. */
    private boolean verifyDownloads = true;
    /** Static credentials; without an access key the default chain is used (environment, then profile). */
    @NestedConfigurationProperty
    private final Credentials credentials = new Credentials();
    /** How S3Transfers cuts uploads and downloads into parts. */
    @NestedConfigurationProperty
    private final Transfer transfer = new Transfer();

    /** An access key pair, with a session token for temporary credentials. */
    public static class Credentials {
        /** The access key id. */
        private @Nullable String accessKey;
        /** The secret access key. */
        private @Nullable String secretKey;
        /** The session token of temporary (STS) credentials. */
        private @Nullable String sessionToken;

        public @Nullable String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(@Nullable String accessKey) {
            this.accessKey = accessKey;
        }

        public @Nullable String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(@Nullable String secretKey) {
            this.secretKey = secretKey;
        }

        public @Nullable String getSessionToken() {
            return sessionToken;
        }

        public void setSessionToken(@Nullable String sessionToken) {
            this.sessionToken = sessionToken;
        }
    }

    /** Part sizes and parallelism of S3Transfers; each left out keeps TransferConfig's default. */
    public static class Transfer {
        /** Bytes per uploaded part and per downloaded range, 5MB to 5GB. Default 8MB. */
        private @Nullable DataSize partSize;
        /** Objects at least this large are uploaded in parts. Default 8MB. */
        private @Nullable DataSize multipartThreshold;
        /** Parts uploaded, or ranges downloaded, at the same time. Default 4. */
        private @Nullable Integer partsInFlight;

        public @Nullable DataSize getPartSize() {
            return partSize;
        }

        public void setPartSize(@Nullable DataSize partSize) {
            this.partSize = partSize;
        }

        public @Nullable DataSize getMultipartThreshold() {
            return multipartThreshold;
        }

        public void setMultipartThreshold(@Nullable DataSize multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
        }

        public @Nullable Integer getPartsInFlight() {
            return partsInFlight;
        }

        public void setPartsInFlight(@Nullable Integer partsInFlight) {
            this.partsInFlight = partsInFlight;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
        this.endpoint = endpoint;
    }

    public @Nullable String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }

    public @Nullable Boolean getPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(@Nullable Boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public UploadIntegrity getUploadIntegrity() {
        return uploadIntegrity;
    }

    public void setUploadIntegrity(UploadIntegrity uploadIntegrity) {
        this.uploadIntegrity = uploadIntegrity;
    }

    public @Nullable ChecksumAlgorithm getChecksumAlgorithm() {
        return checksumAlgorithm;
    }

    public void setChecksumAlgorithm(@Nullable ChecksumAlgorithm checksumAlgorithm) {
        this.checksumAlgorithm = checksumAlgorithm;
    }

    public boolean isVerifyDownloads() {
        return verifyDownloads;
    }

    public void setVerifyDownloads(boolean verifyDownloads) {
        this.verifyDownloads = verifyDownloads;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public Transfer getTransfer() {
        return transfer;
    }
}
