package dev.ferry.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared material ({@code ../shared} beside the project root: the EWS schema
 * and samples, signing vectors). Tests run with their module as working directory, so the root is
 * found by walking up to the directory that holds {@code mvnw}.
 */
public final class SharedMaterial {
    private SharedMaterial() {
    }

    /** The shared directory, if it is there. */
    public static Optional<Path> directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                Path shared = dir.resolveSibling("shared");
                return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** A file or directory under the shared directory, if both are there. */
    public static Optional<Path> resolve(String relative) {
        return directory().map(d -> d.resolve(relative)).filter(Files::exists);
    }

    /** Why a test that needs {@code relative} is skipped when it is missing. */
    public static String missing(String relative) {
        return "../shared/" + relative + " is not beside the project root (looked upward from " + Path.of("").toAbsolutePath()
                + " for the directory holding mvnw); this test needs it";
    }
}
