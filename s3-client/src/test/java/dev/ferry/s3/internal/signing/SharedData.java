package dev.ferry.s3.internal.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared reference material that sits beside the project ({@code ../shared} from the
 * directory holding {@code mvnw}). Maven runs tests in the module directory, so this walks up from
 * the working directory rather than assuming a depth.
 */
final class SharedData {
    private SharedData() {
    }

    /** The AWS SigV4 test suite's {@code v4} directory, if the shared folder is there. */
    static Optional<Path> sigV4TestSuite() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && dir.getParent() != null) {
                Path suite = dir.resolveSibling("shared").resolve("s3").resolve("sigv4-test-suite").resolve("v4");
                if (Files.isDirectory(suite)) {
                    return Optional.of(suite);
                }
            }
        }
        return Optional.empty();
    }
}
