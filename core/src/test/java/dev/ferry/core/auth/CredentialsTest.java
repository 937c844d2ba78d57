package dev.ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class CredentialsTest {

    @Test
    void toStringShowsTheKeyIdButNeverTheSecretOrTheToken() {
        Credentials c = new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "FQoGZXIvYXdzEJr//token", Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(c.toString())
                .contains("AKIDEXAMPLE")
                .contains("2030-01-01T00:00:00Z")
                .doesNotContain("wJalrXUtnFEMI")
                .doesNotContain("FQoGZXIvYXdzEJr")
                .contains("secretAccessKey=***")
                .contains("sessionToken=***");
    }

    @Test
    void aBlankSessionTokenMeansNone() {
        Credentials c = Credentials.of("id", "secret", "  ");

        assertThat(c.sessionToken()).isNull();
        assertThat(c.hasSessionToken()).isFalse();
        assertThat(c.toString()).doesNotContain("sessionToken");
        assertThat(Credentials.of("id", "secret", "tok").hasSessionToken()).isTrue();
    }

    @Test
    void aKeyIdAndASecretAreRequired() {
        assertThatThrownBy(() -> Credentials.of(" ", "secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("access key id must not be blank");
        assertThatThrownBy(() -> Credentials.of("AKID", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("secret access key for AKID must not be empty");
    }

    @Test
    void staticCredentialsAreResolvedAsGivenAndDescribedWithoutTheSecret() {
        Credentials c = Credentials.of("AKIDSTATIC", "s3cr3t-value");
        CredentialsProvider provider = CredentialsProvider.of(c);

        StepVerifier.create(provider.resolve()).expectNext(c).expectComplete().verify(Duration.ofSeconds(1));
        assertThat(provider.describe()).contains("AKIDSTATIC").doesNotContain("s3cr3t");
        assertThat(provider.toString()).contains("AKIDSTATIC").doesNotContain("s3cr3t");
    }
}
