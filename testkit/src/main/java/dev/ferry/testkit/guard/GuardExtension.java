package dev.ferry.testkit.guard;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.blockhound.BlockHound;

/**
 * Registered for every test by JUnit's extension auto-detection (the build turns it on): installs
 * BlockHound once, so a blocking call on an event loop throws, and fails any test after which Netty
 * reports a leaked buffer.
 */
public final class GuardExtension implements BeforeAllCallback, AfterEachCallback {
    private static final Logger log = LoggerFactory.getLogger(GuardExtension.class);
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        installBlockHound();
        if (!LeakGuard.isInstalled()) {
            log.warn("Netty leak detection is not at paranoid with Ferry's failing detector: leaks will not fail tests."
                    + " Run through Maven, or pass the build's surefire argLine.");
        }
    }

    static synchronized void installBlockHound() {
        if (!installed) {
            BlockHound.install(builder -> builder
                    // Test logging writes to stderr; a log line from an event loop is not what we hunt.
                    .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
                    .allowBlockingCallsInside("org.slf4j.simple.OutputChoice", "getTargetPrintStream")
                    // Netty 4.2's adaptive allocator takes a StampedLock write lock for the few instructions
                    // that retire a magazine when it grows under contention (many connections on two event
                    // loops: the load harness's tests reach it). Netty's own BlockHound integration does not
                    // list it yet; it is Netty's lock, held briefly, never a wait on I/O.
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "free")
                    // Spring's multipart writer (a WebFlux test client posting a form) draws each boundary
                    // from a SecureRandom, which reads /dev/urandom: it never waits for entropy, but
                    // BlockHound sees a FileInputStream read on the event loop that writes the request.
                    .allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary"));
            installed = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = LeakGuard.collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }
}
