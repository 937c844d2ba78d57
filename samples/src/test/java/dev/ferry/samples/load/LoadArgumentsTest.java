package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.samples.FerryCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Wrong arguments are refused before anything starts, with a message that says what to write instead. */
class LoadArgumentsTest {

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome load(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new LoadCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--size 4XB                              | Invalid value for option '--size': '4XB' has an unknown size unit 'XB'",
        "--size uniform:1MiB:4KiB                | the smallest size (1 MiB) is larger than the largest (4 KiB)",
        "--duration 30                           | Invalid value for option '--duration': '30' has no unit: write 30s",
        "--warmup soon                           | '--warmup': 'soon' is not a duration",
        "--workload pot=3                        | 'pot' in workload 'pot=3' is not an operation: use put, get, head, delete, list, multipart",
        "--workload put=3,get=x                  | the weight of get must be a whole number",
        "--concurrency 0                         | --concurrency must be 1..100000, was 0",
        "--rate -5                               | --rate must be above 0",
        "--ops 0                                 | --ops must be at least 1, was 0",
        "--duration 0s                           | --duration must be longer than 0s",
        "--verify=2                              | --verify takes the fraction of objects to read back, above 0 and at most 1",
        "--verify=ten                            | e.g. --verify=0.1 or --verify=10%",
        "-w multipart --part-size 1MiB           | --part-size must be 5MiB..5GiB",
        "-w multipart -s 1TiB                    | need more than 10000 parts of 5 MiB: raise --part-size",
        "-w put -s 6GiB                          | PutObject stores at most 5 GiB: use -w multipart",
        "-w get --objects 0                      | --objects must be at least 1 for a workload with get",
        "--access-key abc                        | --access-key and --secret-key go together",
        "--endpoint localhost:9000               | --endpoint 'localhost:9000' is not a URL",
        "--bucket my/bucket                      | --bucket: bucket name 'my/bucket' contains '/'",
        "--upload-integrity unsigned             | it needs an https --endpoint",
        "--upload-integrity fast                 | --upload-integrity must be signed, unsigned or plain, was 'fast'",
        "--progress fancy                        | --progress must be auto, line, plain or off, was 'fancy'",
        "--json no/such/folder/run.json          | cannot write no/such/folder/run.json: folder",
        "--retries 11                            | --retries must be 0..10",
        "--no-such-flag                          | Unknown option: '--no-such-flag'",
    })
    void aWrongArgumentIsRefusedWithAClearMessage(String args, String message) {
        Outcome o = load(args.trim().split("\\s+"));

        assertThat(o.exit()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains(message);
        assertThat(o.out()).as("nothing ran").doesNotContain("Starting an embedded S3Proxy");
    }

    @Test
    void helpDescribesTheOptionsAndFormats() {
        Outcome o = load("--help");

        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("--workload", "--size", "--rate", "--verify", "--keep", "--json", "--csv", "--html",
                "uniform:4KiB:1MiB", "lognormal:MEDIAN", "Exit status", "put=3,get=6,delete=1");
    }

    @Test
    void ferryListsTheLoadCommand() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new FerryCli());
        cli.setOut(new PrintWriter(buffer, true, StandardCharsets.UTF_8));

        assertThat(cli.execute("help")).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("load", "Load-tests S3-compatible storage");
    }
}
