package io.regla.cli;

import java.util.List;

/**
 * Lets other modules add sub-commands to {@code regla} (the demo, provider syncs, metrics) without the
 * CLI depending on them: list the implementation in
 * {@code META-INF/services/io.regla.cli.CliExtension}.
 */
public interface CliExtension {

    /** picocli command objects (classes annotated with {@code @Command}). */
    List<Object> subcommands();
}
