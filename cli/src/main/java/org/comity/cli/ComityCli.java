package org.comity.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code comity} command-line tool. It needs a JDK and nothing else: no server, no database.
 * Exit codes: 0 success, 1 the node refused or something failed, 2 the input was unusable.
 */
@Command(name = "comity", mixinStandardHelpOptions = true, versionProvider = ComityCli.Version.class,
        description = "Comity command-line tool: check evidence packages offline; talk to a node's API; keep the directory.",
        subcommands = {VerifyCommand.class, InspectCommand.class, ApiCommand.class, ImportDocumentsCommand.class, DirectoryCommand.class, CommandLine.HelpCommand.class})
public final class ComityCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        // picocli answers unusable input with exit code 2 (ExitCode.USAGE) and its own message.
        return new CommandLine(new ComityCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ComityCli.class.getPackage().getImplementationVersion();
            return new String[] {"comity " + (v == null ? "development build" : v), "Java " + Runtime.version()};
        }
    }
}
