package io.regla.distribution;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/regla.cmd cannot run here (no cmd.exe), so its syntax is checked as cmd would read it: balanced quotes on every
 * line and balanced parentheses over the file, every %VARIABLE% it reads set or standard, paths that may hold spaces
 * quoted, the arguments passed on with %*, and the exit code handed back.
 */
class WindowsLauncherSyntaxTest {

    private static final Pattern VARIABLE = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");
    private static final java.util.Set<String> STANDARD = java.util.Set.of("JAVA_HOME", "ERRORLEVEL", "ProgramData");

    @Test
    void theSourceLauncherIsWellFormedBatch() throws IOException {
        assertBatchSyntax(Files.readString(Path.of("src/dist/bin/regla.cmd")));
    }

    static void assertBatchSyntax(String script) {
        String[] lines = script.split("\r?\n");
        assertThat(lines[0].trim()).isEqualToIgnoringCase("@echo off");
        java.util.Set<String> defined = new java.util.HashSet<>(STANDARD);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.toLowerCase().startsWith("rem ")) continue;
            assertThat(line.chars().filter(c -> c == '"').count() % 2).as("line %d has an unclosed quote: %s", i + 1, line).isZero();
            Matcher set = Pattern.compile("(?i)\\bset \"([A-Za-z_][A-Za-z0-9_]*)=").matcher(line);
            while (set.find()) defined.add(set.group(1));
            Matcher use = VARIABLE.matcher(line);
            while (use.find()) {
                assertThat(defined).as("line %d reads %%%s%% before setting it", i + 1, use.group(1)).contains(use.group(1));
            }
            String outsideQuotes = line.replaceAll("\"[^\"]*\"", "\"\"");
            for (char c : outsideQuotes.toCharArray()) {
                if (c == '(') open.push(i + 1);
                if (c == ')') {
                    assertThat(open).as("line %d closes a parenthesis never opened", i + 1).isNotEmpty();
                    open.pop();
                }
            }
            // a path built from a variable that may hold spaces is quoted wherever it is used
            assertThat(outsideQuotes).as("line %d uses REGLA_HOME outside quotes", i + 1).doesNotContain("%REGLA_HOME%");
            assertThat(outsideQuotes).as("line %d uses JAVA_HOME outside quotes", i + 1).doesNotContain("%JAVA_HOME%");
        }
        assertThat(open).as("parentheses opened and never closed").isEmpty();
        assertThat(script).contains("%~dp0").contains("%*").containsIgnoringCase("exit /b %ERRORLEVEL%")
                .contains("io.regla.cli.ReglaCli");
        // no Java: one line and exit 3, as bin/regla does, whether JAVA_HOME is wrong or java is not on the PATH
        assertThat(script).containsIgnoringCase("if not exist \"%REGLA_JAVA%\"").containsIgnoringCase("where java")
                .containsIgnoringCase("exit /b 3");
    }
}
