package dev.ferry.samples;

import dev.ferry.samples.load.LoadCommand;
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
        return new CommandLine(new FerryCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
