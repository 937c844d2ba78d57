package dev.ferry.samples;

import dev.ferry.core.FerryException;
import dev.ferry.samples.load.LoadCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code ./ferry} command: the tour, and the load-test harness. */
@Command(name = "ferry", mixinStandardHelpOptions = true, version = "Ferry 0.1.0-SNAPSHOT",
        description = {"Ferry: a reactive, non-blocking storage client for the JVM (S3, EWS, OSS on one Netty engine).", ""},
        footer = {"", "Start with `./ferry tour`; `./ferry help tour` and `./ferry help load` explain each command's options."},
        subcommands = {TourCommand.class, LoadCommand.class, HelpCommand.class})
public final class FerryCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return withErrorReport(new CommandLine(new FerryCli())).execute(args);
    }

    /**
     * Has {@code cli} report a Ferry error (a server that is down, a refused credential, a missing
     * setting) as its message, which says what failed and why, instead of a hundred lines of stack
     * trace; {@code FERRY_DEBUG=1} shows the trace too. Anything else is a bug, and shows its trace.
     */
    public static CommandLine withErrorReport(CommandLine cli) {
        return cli.setExecutionExceptionHandler((error, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (error instanceof FerryException) {
                err.println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
                if (System.getenv("FERRY_DEBUG") != null) {
                    error.printStackTrace(err);
                } else {
                    err.println("(FERRY_DEBUG=1 shows where it happened)");
                }
            } else {
                error.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
