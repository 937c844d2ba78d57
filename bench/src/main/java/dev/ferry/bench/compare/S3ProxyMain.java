package dev.ferry.bench.compare;

import dev.ferry.testkit.s3.S3ProxyServer;

/** S3Proxy in a JVM of its own, objects on disk in a temporary directory, for the comparison's end-to-end rows. */
public final class S3ProxyMain {
    private S3ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        S3ProxyServer server = S3ProxyServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("S3PROXY " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
