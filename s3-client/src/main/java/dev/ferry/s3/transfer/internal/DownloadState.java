package dev.ferry.s3.transfer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * What a resumable download has written so far, kept in a small text file beside the partial file
 * so that a later download of the same object can go on from there:
 *
 * <pre>
 * ferry-download 1
 * size 104857600
 * etag "9b2cf535f27731c974343645a3985328-13"
 * range-size 8388608
 * done 0 1c291ca3
 * done 2 8a9136aa
 * </pre>
 *
 * A {@code done} line (range index, CRC32C of its bytes) is appended only after the range's bytes
 * are written. A resume keeps a range only if the partial file still holds bytes with that CRC, so
 * a torn line, a lost write or a file changed by someone else costs a re-download, never a wrong
 * byte. All methods do file I/O: call them where blocking is allowed.
 */
final class DownloadState {
    private static final String MAGIC = "ferry-download 1";

    private final Path file;
    private final Map<Integer, Integer> done;

    private DownloadState(Path file, Map<Integer, Integer> done) {
        this.file = file;
        this.done = done;
    }

    /** Starts a fresh record, replacing any earlier one. */
    static DownloadState create(Path file, long size, String eTag, long rangeSize) {
        String header = MAGIC + "\nsize " + size + "\netag " + eTag + "\nrange-size " + rangeSize + "\n";
        try {
            Files.writeString(file, header, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the download state " + file, e);
        }
        return new DownloadState(file, new HashMap<>());
    }

    /**
     * The record left by an earlier download of the same object (same size, ETag and range size),
     * with only the ranges whose bytes {@code partial} still holds; null when there is none to use.
     */
    static @Nullable DownloadState resume(Path file, Path partial, long size, String eTag, long rangeSize) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;   // unreadable: start over rather than fail
        }
        if (lines.size() < 4 || !lines.get(0).equals(MAGIC) || !lines.get(1).equals("size " + size)
                || !lines.get(2).equals("etag " + eTag) || !lines.get(3).equals("range-size " + rangeSize)) {
            return null;
        }
        Map<Integer, Integer> recorded = new HashMap<>();
        long ranges = PartPlan.ceilDiv(size, rangeSize);
        for (String line : lines.subList(4, lines.size())) {
            String[] f = line.split(" ");
            if (f.length != 3 || !f[0].equals("done")) {
                continue;   // a line torn by a crash
            }
            try {
                int index = Integer.parseInt(f[1]);
                int crc = Integer.parseUnsignedInt(f[2], 16);
                if (index >= 0 && index < ranges) {
                    recorded.put(index, crc);
                }
            } catch (NumberFormatException e) {
                // torn as well
            }
        }
        return new DownloadState(file, verified(partial, recorded, size, rangeSize));
    }

    private static Map<Integer, Integer> verified(Path partial, Map<Integer, Integer> recorded, long size, long rangeSize) {
        Map<Integer, Integer> kept = new HashMap<>();
        if (recorded.isEmpty()) {
            return kept;
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(256 * 1024);
            for (Map.Entry<Integer, Integer> e : recorded.entrySet()) {
                long start = e.getKey() * rangeSize;
                long end = Math.min(size, start + rangeSize);
                if (channel.size() < end) {
                    continue;
                }
                CRC32C crc = new CRC32C();
                long position = start;
                while (position < end) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
                    int n = channel.read(chunk, position);
                    if (n < 0) {
                        break;
                    }
                    position += n;
                    crc.update(chunk.flip());
                }
                if (position == end && (int) crc.getValue() == e.getValue()) {
                    kept.put(e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            return new HashMap<>();
        }
        return kept;
    }

    /** The ranges already in the partial file, by index. */
    Map<Integer, Integer> done() {
        return Map.copyOf(done);
    }

    /** Records that range {@code index} is written, with the CRC32C of its bytes. */
    synchronized void recordDone(int index, int crc) {
        done.put(index, crc);
        String line = "done " + index + " " + String.format("%08x", crc) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record progress in the download state " + file, e);
        }
    }
}
