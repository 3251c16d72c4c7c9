package io.regla.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, configured in code (found by logback through {@code META-INF/services}): results go to
 * stdout, logs to stderr, errors only, Drools, KIE and POI silent; {@code --verbose} turns the levels up
 * ({@link io.regla.cli.ReglaCli}). It replaces the {@code logback.xml} the CLI jar used to carry, with the same
 * appender, pattern and levels: parsing that XML (Joran, a SAX parser and some 300 classes) was the largest
 * part of building an engine in a fresh JVM (benchmarks/README.md, "Cold start").
 *
 * <p>A configuration someone else gives wins, as before: {@code -Dlogback.configurationFile=...}, or a
 * {@code logback.xml} or {@code logback-test.xml} on the classpath (a host's, or a test's); then this
 * configurator steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {

    /** The layout of a log line, as in the former logback.xml. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n";

    /** Where to look for a logback file; null: the thread's context class loader (or this class's). */
    private final ClassLoader resources;

    /** For logback's ServiceLoader. */
    public CliLogging() {
        this(null);
    }

    CliLogging(ClassLoader resources) {
        this.resources = resources;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (givenElsewhere()) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
        err.setContext(context);
        err.setName("ERR");
        err.setTarget("System.err");
        err.setEncoder(encoder);
        err.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.ERROR);
        root.addAppender(err);
        for (String quiet : new String[]{"org.drools", "org.kie", "org.apache.poi"}) {
            context.getLogger(quiet).setLevel(Level.OFF);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether a logback configuration file was given: the system property or a file on the classpath. */
    private boolean givenElsewhere() {
        if (System.getProperty("logback.configurationFile") != null) return true;
        ClassLoader loader = resources != null ? resources : Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = CliLogging.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }
}
