package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What each progress mode writes, tick by tick, and which mode {@code --progress auto} picks. */
class ProgressPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Two seconds of warm-up, then second s of a 30-second measurement. */
    private static void tick(ProgressPrinter printer, int second) {
        printer.update(second <= 2 ? null : new Metrics.Progress(second - 2, 100 + second, 1.5, 2.0, 9.0, 100L * second, 0),
                second);
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlaceEverySecondAndEndedByFinish() {
        ProgressPrinter printer = new ProgressPrinter(ProgressPrinter.Mode.LINE, out, 2, 30);

        tick(printer, 1);
        tick(printer, 5);
        assertThat(written()).isEqualTo("\rwarming up 1/2 s\u001b[K"
                + "\r  3/30 s  105.0 ops/s  1.50 MiB/s  p50 2.00 ms  p99 9.00 ms  500 ops  0 errors\u001b[K");

        printer.finish();
        assertThat(written()).as("what follows starts on a line of its own").endsWith("\u001b[K" + System.lineSeparator());
        printer.finish();
        assertThat(written().split(System.lineSeparator(), -1)).as("a second finish adds no empty line").hasSize(2);
    }

    @Test
    void whenTheOutputIsNotATerminalAPlainLineIsPrintedEveryTenSeconds() {
        ProgressPrinter printer = new ProgressPrinter(ProgressPrinter.Mode.PLAIN, out, 2, 30);

        for (int second = 1; second <= 25; second++) {
            tick(printer, second);
        }
        printer.finish();

        assertThat(written()).doesNotContain("\r", "\u001b");
        assertThat(written()).isEqualTo(
                "  8/30 s  110.0 ops/s  1.50 MiB/s  p50 2.00 ms  p99 9.00 ms  1000 ops  0 errors" + System.lineSeparator()
                + " 18/30 s  120.0 ops/s  1.50 MiB/s  p50 2.00 ms  p99 9.00 ms  2000 ops  0 errors" + System.lineSeparator());
    }

    @Test
    void offPrintsNothingAtAll() {
        ProgressPrinter printer = new ProgressPrinter(ProgressPrinter.Mode.OFF, out, 2, 30);

        for (int second = 1; second <= 25; second++) {
            tick(printer, second);
        }
        printer.finish();

        assertThat(written()).isEmpty();
    }

    @Test
    void aRunBoundedByAnOperationCountShowsSecondsWithoutAnEnd() {
        ProgressPrinter printer = new ProgressPrinter(ProgressPrinter.Mode.LINE, out, 2, 0);

        tick(printer, 5);

        assertThat(written()).startsWith("\r  3 s  105.0 ops/s");
    }

    @Test
    void autoPrintsPlainLinesWithoutAConsole() {
        assertThat(ProgressPrinter.auto(null)).isEqualTo(ProgressPrinter.Mode.PLAIN);
    }

    @Test
    void autoPrintsPlainLinesWhenTheOutputIsRedirectedEvenWhereTheJdkStillGivesAConsole() {
        // Surefire's forked JVM writes to a pipe. From JDK 22 on System.console() may be non-null all the
        // same (it is by default on 22 to 24), so a null check alone would pick the in-place line here.
        assertThat(ProgressPrinter.auto(System.console())).isEqualTo(ProgressPrinter.Mode.PLAIN);
    }
}
