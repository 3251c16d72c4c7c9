package io.regla.examples.loyalty;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code regla loyalty generate --order member|time}: member order by default (ids prefixed by the member's), time order
 * as a core-banking CRM exports; the same seed writes the same bytes; the expectations it prints are what
 * {@code regla loyalty migrate} finds in the time-ordered export.
 */
class LoyaltyGenerateOrderTest {

    @TempDir
    Path dir;

    @Test
    void timeOrderFromTheCommandLineMigratesToThePrintedExpectations() throws Exception {
        Path export = dir.resolve("export");
        StringWriter out = new StringWriter();
        assertThat(run(out, "loyalty", "generate", "--members", "150", "--transactions", "1200", "--out", export.toString(), "--seed", "4",
                "--faults", "--order", "time")).isZero();
        assertThat(out.toString()).contains("orden: por fecha");
        List<String> txs = Files.readAllLines(export.resolve("transactions.csv"));
        assertThat(txs.get(1)).matches("T\\d{22},M\\d{8},.*");
        assertThat(txs.subList(1, txs.size())).isSortedAccordingTo(String::compareTo);

        Path report = dir.resolve("report");
        assertThat(run(new StringWriter(), "loyalty", "migrate", "--from", export.toString(), "--db", dir.resolve("db").toString(),
                "--cutover", "2025-12-01T00:00:00-03:00", "--report", report.toString())).isZero();
        String json = Files.readString(report.resolve("reconciliation.json"));
        for (String printed : List.of("rechazos esperados", "saldos esperados")) {
            Matcher line = Pattern.compile(printed + ": \\{(.*)}").matcher(out.toString());
            assertThat(line.find()).as(printed).isTrue();
            for (String entry : line.group(1).split(", ")) {
                String[] kv = entry.split("=");
                assertThat(json).as(printed).contains("\"" + kv[0] + "\": " + kv[1]);
            }
        }
    }

    @Test
    void memberOrderIsTheDefaultAndTheSameSeedWritesTheSameBytes() throws Exception {
        for (String run : List.of("a", "b")) {
            assertThat(run(new StringWriter(), "loyalty", "generate", "--members", "50", "--transactions", "400", "--out",
                    dir.resolve("time-" + run).toString(), "--seed", "9", "--faults", "--order", "TIME")).isZero();
        }
        assertThat(run(new StringWriter(), "loyalty", "generate", "--members", "50", "--transactions", "400", "--out",
                dir.resolve("default").toString(), "--seed", "9", "--faults")).isZero();
        assertThat(run(new StringWriter(), "loyalty", "generate", "--members", "50", "--transactions", "400", "--out",
                dir.resolve("member").toString(), "--seed", "9", "--faults", "--order", "member")).isZero();
        for (String f : List.of("members.csv", "transactions.csv", "refunds.csv", "redemptions.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("time-b").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("time-a").resolve(f)));
            assertThat(Files.readAllBytes(dir.resolve("member").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("default").resolve(f)));
        }
        assertThat(Files.readAllLines(dir.resolve("default/transactions.csv")).get(1)).startsWith("M00000000-T");
        assertThat(Files.readAllLines(dir.resolve("time-a/transactions.csv")).get(1)).startsWith("T");
    }

    @Test
    void anUnknownOrderIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cl = ReglaCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("loyalty", "generate", "--members", "5", "--transactions", "10", "--out", dir.resolve("x").toString(),
                "--order", "date")).isNotZero();
        assertThat(err.toString()).contains("--order date: not member or time");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = ReglaCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }
}
