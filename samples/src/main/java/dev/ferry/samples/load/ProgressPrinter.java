package dev.ferry.samples.load;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The live progress of a run. On a terminal one line, rewritten in place once a second; otherwise
 * (a pipe, a CI log) a plain line every ten seconds; or nothing.
 */
final class ProgressPrinter {
    enum Mode {
        /** A terminal: one line updated in place. */
        LINE,
        /** Not a terminal: a line now and then. */
        PLAIN,
        OFF
    }

    private static final int PLAIN_EVERY = 10;
    /** {@code Console.isTerminal()}, which JDK 22 added; null on older JDKs. */
    private static final @Nullable Method IS_TERMINAL = isTerminalMethod();

    private final Mode mode;
    private final PrintStream out;
    private final double warmupSeconds;
    private final double durationSeconds;
    private int ticks;
    private boolean lineOpen;

    /** @param durationSeconds the measured duration, or 0 when the run is bounded by an operation count */
    ProgressPrinter(Mode mode, PrintStream out, double warmupSeconds, double durationSeconds) {
        this.mode = mode;
        this.out = out;
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
    }

    /** {@code --progress auto}: a line updated in place on a terminal, plain lines otherwise. */
    static Mode auto(@Nullable Console console) {
        return isTerminal(console) ? Mode.LINE : Mode.PLAIN;
    }

    /**
     * Before JDK 22 there is a console only on a terminal. From JDK 22 on there may be one when the
     * output is redirected too, and only {@code isTerminal()} tells; it is called by reflection
     * because the build targets Java 17.
     */
    private static boolean isTerminal(@Nullable Console console) {
        if (console == null) {
            return false;
        }
        if (IS_TERMINAL == null) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(IS_TERMINAL.invoke(console));
        } catch (ReflectiveOperationException e) {
            // Rewriting a line on what may be a log file is worse than printing a line now and then.
            return false;
        }
    }

    private static @Nullable Method isTerminalMethod() {
        try {
            return Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Called once a second with the latest figures (null during warm-up). */
    synchronized void update(Metrics.@Nullable Progress p, double secondsSinceStart) {
        ticks++;
        if (mode == Mode.OFF || (mode == Mode.PLAIN && ticks % PLAIN_EVERY != 0)) {
            return;
        }
        String text;
        if (p == null) {
            text = String.format(Locale.ROOT, "warming up %.0f/%.0f s", Math.min(secondsSinceStart, warmupSeconds), warmupSeconds);
        } else {
            String clock = durationSeconds > 0
                    ? String.format(Locale.ROOT, "%3.0f/%.0f s", p.seconds(), durationSeconds)
                    : String.format(Locale.ROOT, "%3.0f s", p.seconds());
            text = String.format(Locale.ROOT, "%s  %s ops/s  %s MiB/s  p50 %s ms  p99 %s ms  %d ops  %d errors", clock,
                    TextReport.num(p.opsPerSecond()), TextReport.num(p.mibPerSecond()), TextReport.ms(p.p50()),
                    TextReport.ms(p.p99()), p.ops(), p.errors());
        }
        if (mode == Mode.LINE) {
            // Carriage return and erase to the end of the line: the line is rewritten, never scrolled.
            out.print("\r" + text + "\u001b[K");
            out.flush();
            lineOpen = true;
        } else {
            out.println(text);
        }
    }

    /** Ends the live line, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
