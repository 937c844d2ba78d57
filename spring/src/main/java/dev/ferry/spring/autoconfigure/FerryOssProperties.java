package dev.ferry.spring.autoconfigure;

import dev.ferry.oss.Addressing;
import dev.ferry.oss.SignatureVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code ferry.oss.*}: the auto-configured {@code OssClient}, created once a region is set.
 */
@ConfigurationProperties("ferry.oss")
public class FerryOssProperties {
    /** Whether to create the OSS client when it is configured. */
    private boolean enabled = true;
    /** The plain region id, such as cn-hangzhou (not oss-cn-hangzhou). */
    private @Nullable String region;
    /** The endpoint, overriding the one derived from the region: a custom domain or a test server. */
    private @Nullable String endpoint;
    /** Where requests name their bucket. Default: path style for an IP address or localhost, virtual-hosted otherwise. */
    private @Nullable Addressing addressing;
    /** How requests are signed. Default: V4. */
    private SignatureVersion signatureVersion = SignatureVersion.V4;
    /** Static credentials; without an access key id the OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET environment variables are read. */
    @NestedConfigurationProperty
    private final Credentials credentials = new Credentials();

    /** An access key pair, with a security token for STS credentials. */
    public static class Credentials {
        /** The AccessKey id. */
        private @Nullable String accessKeyId;
        /** The AccessKey secret. */
        private @Nullable String accessKeySecret;
        /** The STS security token of temporary credentials. */
        private @Nullable String securityToken;

        public @Nullable String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(@Nullable String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public @Nullable String getAccessKeySecret() {
            return accessKeySecret;
        }

        public void setAccessKeySecret(@Nullable String accessKeySecret) {
            this.accessKeySecret = accessKeySecret;
        }

        public @Nullable String getSecurityToken() {
            return securityToken;
        }

        public void setSecurityToken(@Nullable String securityToken) {
            this.securityToken = securityToken;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }

    public @Nullable String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable String endpoint) {
        this.endpoint = endpoint;
    }

    public @Nullable Addressing getAddressing() {
        return addressing;
    }

    public void setAddressing(@Nullable Addressing addressing) {
        this.addressing = addressing;
    }

    public SignatureVersion getSignatureVersion() {
        return signatureVersion;
    }

    public void setSignatureVersion(SignatureVersion signatureVersion) {
        this.signatureVersion = signatureVersion;
    }

    public Credentials getCredentials() {
        return credentials;
    }
}
