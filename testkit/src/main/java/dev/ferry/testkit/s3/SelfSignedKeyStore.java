package dev.ferry.testkit.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS#12 key store holding a fresh self-signed certificate for {@code 127.0.0.1} and
 * {@code localhost}, made with the JDK's own {@code keytool}: the JDK has no public API to create
 * certificates, and a test server's certificate must not be committed.
 */
record SelfSignedKeyStore(Path path, X509Certificate certificate) {
    static final String PASSWORD = "ferry-test";
    private static final String ALIAS = "ferry";

    static SelfSignedKeyStore create() {
        try {
            Path dir = Files.createTempDirectory("ferry-tls-");
            Path store = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-alias", ALIAS, "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not create a test certificate: " + output);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new SelfSignedKeyStore(store, (X509Certificate) ks.getCertificate(ALIAS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a test key store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a test certificate", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test key store", e);
        }
    }
}
