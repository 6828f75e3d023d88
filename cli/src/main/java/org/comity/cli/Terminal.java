package org.comity.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the person is watching: progress lines belong on a terminal, not in a log file or a pipe. */
final class Terminal {

    private Terminal() {}

    /**
     * True when the JVM has an interactive console. From JDK 22 {@code System.console()} exists even
     * when the output is redirected, and {@code Console.isTerminal()} tells (looked up by reflection
     * because the CLI is compiled for release 21, where a console existing means a terminal).
     */
    static boolean stderrIsInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
