package dev.ferry.core.http;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How HTTPS connections are verified. The default trusts the JDK's certificate authorities and
 * verifies that the certificate names the host; both can be changed only on purpose.
 *
 * @param trustedCertificates certificates to trust instead of the JDK's authorities (a private CA,
 *                            a test server's self-signed certificate); empty for the JDK's
 * @param hostnameVerification whether the certificate must name the host connected to
 */
public record TlsConfig(List<X509Certificate> trustedCertificates, boolean hostnameVerification) {
    private static final TlsConfig DEFAULTS = new TlsConfig(List.of(), true);

    public TlsConfig {
        trustedCertificates = List.copyOf(trustedCertificates);
    }

    public static TlsConfig defaults() {
        return DEFAULTS;
    }

    /** Trusts only the given certificates (with hostname verification still on). */
    public static TlsConfig trusting(X509Certificate... certificates) {
        return new TlsConfig(List.of(certificates), true);
    }

    /**
     * Turns hostname verification off: any certificate the trust store accepts is taken for any
     * host. Only for servers reached by an address their certificate does not name.
     */
    public TlsConfig withoutHostnameVerification() {
        return new TlsConfig(trustedCertificates, false);
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (trustedCertificates.isEmpty() ? "JDK trust store" : trustedCertificates.size() + " trusted certificates")
                + ", hostname verification " + (hostnameVerification ? "on" : "OFF") + "]";
    }
}
