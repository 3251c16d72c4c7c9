package io.regla.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class CliLoggingTest {

    /** The CLI's logback.xml before it was replaced by {@link CliLogging}, verbatim. */
    private static final String FORMER_XML = """
            <configuration>
              <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.drools" level="OFF"/>
              <logger name="org.kie" level="OFF"/>
              <logger name="org.apache.poi" level="OFF"/>
              <root level="ERROR"><appender-ref ref="ERR"/></root>
            </configuration>
            """;

    private static final ClassLoader NOTHING = new URLClassLoader(new URL[0], null);

    @Test
    void configuresWhatTheFormerXmlConfigured() throws Exception {
        LoggerContext coded = new LoggerContext();
        assertThat(new CliLogging(NOTHING).configure(coded)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        LoggerContext xml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(xml);
        joran.doConfigure(new ByteArrayInputStream(FORMER_XML.getBytes(StandardCharsets.UTF_8)));

        for (String name : List.of(Logger.ROOT_LOGGER_NAME, "org.drools", "org.kie", "org.apache.poi", "io.regla", "io.regla.core.registry.VersionRegistry", "org.drools.compiler")) {
            assertThat(coded.getLogger(name).getEffectiveLevel()).as(name).isEqualTo(xml.getLogger(name).getEffectiveLevel());
        }
        assertThat(coded.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
        assertThat(coded.getLogger("org.drools").getLevel()).isEqualTo(Level.OFF);

        ConsoleAppender<ILoggingEvent> codedErr = onlyConsoleAppender(coded);
        ConsoleAppender<ILoggingEvent> xmlErr = onlyConsoleAppender(xml);
        assertThat(codedErr.getName()).isEqualTo(xmlErr.getName()).isEqualTo("ERR");
        assertThat(codedErr.getTarget()).isEqualTo(xmlErr.getTarget()).isEqualTo("System.err");
        assertThat(codedErr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) codedErr.getEncoder()).getPattern())
                .isEqualTo(((PatternLayoutEncoder) xmlErr.getEncoder()).getPattern()).isEqualTo(CliLogging.PATTERN);
        assertThat(coded.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
    }

    @Test
    void aLogbackFileOnTheClasspathWins(@TempDir Path dir) throws Exception {
        for (String file : List.of("logback.xml", "logback-test.xml")) {
            Path root = Files.createDirectories(dir.resolve(file + "-root"));
            Files.writeString(root.resolve(file), FORMER_XML);
            try (URLClassLoader withFile = new URLClassLoader(new URL[]{root.toUri().toURL()}, null)) {
                LoggerContext context = new LoggerContext();
                assertThat(new CliLogging(withFile).configure(context)).as(file).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
                assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
            }
        }
    }

    @Test
    void theConfigurationFilePropertyWins() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "somewhere/logback.xml");
        try {
            assertThat(new CliLogging(NOTHING).configure(new LoggerContext())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            if (before == null) System.clearProperty("logback.configurationFile");
            else System.setProperty("logback.configurationFile", before);
        }
    }

    @Test
    void logbackFindsItAsAService() {
        List<String> found = new ArrayList<>();
        ServiceLoader.load(Configurator.class, CliLogging.class.getClassLoader()).forEach(c -> found.add(c.getClass().getName()));
        assertThat(found).contains(CliLogging.class.getName());
    }

    private static ConsoleAppender<ILoggingEvent> onlyConsoleAppender(LoggerContext context) {
        Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        Appender<ILoggingEvent> a = it.next();
        assertThat(it.hasNext()).isFalse();
        assertThat(a).isInstanceOf(ConsoleAppender.class);
        return (ConsoleAppender<ILoggingEvent>) a;
    }
}
