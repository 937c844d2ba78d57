package dev.ferry.oss;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds {@code ../shared} beside the project root (the directory holding {@code mvnw}), wherever the
 * test runs from. Tests that need it skip, saying why, when it is not there.
 */
public final class SharedMaterial {
    private SharedMaterial() {
    }

    /** The shared file at {@code relative}, or a skipped test when it is absent. */
    public static Path require(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "no project root (a directory with mvnw) above the working directory");
        Path file = dir.resolveSibling("shared").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/" + relative + " is not beside the project: skipped");
        return file;
    }
}
