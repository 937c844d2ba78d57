package dev.ferry.bench.micro;

import dev.ferry.s3.internal.checksum.ContentMd5;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Ferry's checksums over 1 MiB, heap and direct, as uploads and verified downloads compute them. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChecksumBenchmark {
    @Param({"CRC32C", "CRC32", "CRC64NVME", "SHA256", "MD5"})
    public String algorithm;

    @Param({"heap", "direct"})
    public String memory;

    private ByteBuffer data;
    private IncrementalChecksum checksum;

    @Setup
    public void setUp() {
        byte[] bytes = new byte[1 << 20];
        new Random(5).nextBytes(bytes);
        data = memory.equals("heap") ? ByteBuffer.wrap(bytes) : ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        checksum = algorithm.equals("MD5") ? ContentMd5.newChecksum() : ChecksumAlgorithm.valueOf(algorithm).newChecksum();
    }

    @Benchmark
    public byte[] oneMiB() {
        checksum.update(data);
        return checksum.digest();
    }
}
