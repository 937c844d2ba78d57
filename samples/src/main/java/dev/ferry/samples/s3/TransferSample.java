package dev.ferry.samples.s3;

import dev.ferry.s3.S3Client;
import dev.ferry.s3.transfer.DownloadRequest;
import dev.ferry.s3.transfer.DownloadResult;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.TransferConfig;
import dev.ferry.s3.transfer.TransferProgress;
import dev.ferry.s3.transfer.UploadRequest;
import dev.ferry.s3.transfer.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * The transfer layer: a stream of unknown length uploaded in parts as it is produced (never held
 * whole), with progress, then downloaded to a file in parallel ranges and checked.
 */
public final class TransferSample {
    public static final String KEY = "transfer/stream.bin";
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 84;   // 21 MiB

    private TransferSample() {
    }

    public static void run(S3Client s3, String bucket, PrintStream out) throws IOException {
        // 5 MiB parts (S3's smallest) so that this small object still shows several.
        S3Transfers transfers = S3Transfers.create(s3, TransferConfig.builder()
                .partSize(5L << 20).multipartThreshold(5L << 20).partsInFlight(3).build());

        MessageDigest produced = sha256();
        Random random = new Random(2026);
        Flux<ByteBuffer> stream = Flux.range(0, CHUNKS).map(i -> {
            byte[] chunk = new byte[CHUNK];
            random.nextBytes(chunk);
            produced.update(chunk);
            return ByteBuffer.wrap(chunk);
        });
        UploadResult up = transfers.upload(UploadRequest.builder(bucket, KEY).contentType("application/octet-stream")
                .progress(report(out, "upload")).build(), stream).block();
        out.printf("  uploaded %,d bytes of unknown length in %d parts -> ETag %s%n", up.size(), up.partCount(), up.eTag());

        Path file = Files.createTempFile("ferry-tour-", ".bin");
        try {
            DownloadResult down = transfers.blocking().download(DownloadRequest.builder(bucket, KEY)
                    .progress(report(out, "download")).build(), file);
            String expected = HexFormat.of().formatHex(produced.digest());
            String actual = sha256Of(file);
            out.printf("  downloaded %,d bytes in %d ranges to a file; SHA-256 %s the upload's%n", down.size(), down.rangeCount(),
                    actual.equals(expected) ? "matches" : "DOES NOT MATCH");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A listener that prints the finished parts once each, and the end. */
    private static Consumer<TransferProgress> report(PrintStream out, String what) {
        int[] lastParts = {0};
        return p -> {
            if (p.partsDone() > lastParts[0] || p.isDone()) {
                lastParts[0] = p.partsDone();
                out.printf("  %s: %d/%s parts, %,d bytes%s%n", what, p.partsDone(),
                        p.totalParts() < 0 ? "?" : Integer.toString(p.totalParts()), p.bytesTransferred(), p.isDone() ? ", done" : "");
            }
        };
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
