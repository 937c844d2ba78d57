package dev.ferry.core.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A profile of the shared credentials file ({@code ~/.aws/credentials}, or {@code AWS_SHARED_CREDENTIALS_FILE}).
 * The file is read once, off the event loop, on first use; a failed read is tried again next time.
 */
final class ProfileCredentialsProvider implements CredentialsProvider {
    private final Path file;
    private final String profile;
    private final Mono<Credentials> cached;

    ProfileCredentialsProvider(Path file, String profile) {
        this.file = file;
        this.profile = profile;
        this.cached = Mono.fromCallable(this::load)
                .subscribeOn(Schedulers.boundedElastic())
                .cacheInvalidateIf(c -> false);
    }

    static ProfileCredentialsProvider fromEnvironment(@Nullable String profile) {
        String fileVariable = System.getenv("AWS_SHARED_CREDENTIALS_FILE");
        Path file = fileVariable != null && !fileVariable.isBlank()
                ? Path.of(fileVariable)
                : Path.of(System.getProperty("user.home"), ".aws", "credentials");
        String name = profile != null ? profile : System.getenv("AWS_PROFILE");
        return new ProfileCredentialsProvider(file, name == null || name.isBlank() ? "default" : name);
    }

    @Override
    public Mono<Credentials> resolve() {
        return cached;
    }

    private Credentials load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CredentialsException("shared credentials file " + file + " does not exist");
        } catch (IOException e) {
            throw new CredentialsException("cannot read shared credentials file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = parseProfile(lines, profile);
        if (values == null) {
            throw new CredentialsException("profile [" + profile + "] is not in " + file);
        }
        String id = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        if (id == null || secret == null) {
            throw new CredentialsException("profile [" + profile + "] in " + file + " lacks "
                    + (id == null ? "aws_access_key_id" : "aws_secret_access_key"));
        }
        return Credentials.of(id, secret, values.get("aws_session_token"));
    }

    /** The key/value pairs of one INI section, or null when the section is absent. Keys are lower case. */
    static @Nullable Map<String, String> parseProfile(List<String> lines, String profile) {
        Map<String, String> values = null;
        boolean inProfile = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            // Not endsWith("]"): a header followed by a comment ("[ops] ; ops account") was taken
            // for a key line, so the previous section went on and took the next one's keys.
            int close = line.indexOf(']');
            if (line.startsWith("[") && close > 0) {
                String name = line.substring(1, close).strip();
                // The config file spells non-default sections "profile x"; accept that here too.
                if (name.startsWith("profile ")) {
                    name = name.substring(8).strip();
                }
                inProfile = name.equals(profile);
                if (inProfile && values == null) {
                    values = new HashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (inProfile && eq > 0) {
                values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    @Override
    public String describe() {
        return "profile [" + profile + "] in " + file;
    }

    @Override
    public String toString() {
        return "CredentialsProvider.profile(" + file + ", " + profile + ")";
    }
}
