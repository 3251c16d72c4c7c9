package io.regla.examples.service;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code regla service generate} and {@code regla service import}: exit codes, rejections, idempotence. */
class ServiceImportCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int regla(String... args) {
        CommandLine cli = ReglaCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void generatedDataImportsCleanlyAndASecondImportChangesNothing() {
        Path data = dir.resolve("data");
        assertThat(regla("service", "generate", "--out", data.toString(), "--conversations", "1500", "--today", "2026-03-02")).isZero();
        String db = dir.resolve("db").toString();

        assertThat(regla("service", "import", "--conversations", data.resolve("conversations.csv").toString(),
                "--sales", data.resolve("sales.csv").toString(), "--db", db)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("conversaciones: 1500 leídas, 1500 importadas").contains("0 rechazos");
        assertThat(regla("service", "import", "--conversations", data.resolve("conversations.csv").toString(),
                "--sales", data.resolve("sales.csv").toString(), "--db", db)).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void rejectedRecordsAreListedWithFileLineAndReasonAndExitOne() throws IOException {
        Path data = dir.resolve("data");
        regla("service", "generate", "--out", data.toString(), "--conversations", "200", "--today", "2026-03-02");
        Path conversations = data.resolve("conversations.csv");
        List<String> lines = Files.readAllLines(conversations, StandardCharsets.UTF_8);
        // a status outside the enum on the first data row (line 2)
        lines.set(1, lines.get(1).replace(",RESUELTA,", ",CERRADA,").replace(",ACTIVA,", ",CERRADA,").replace(",ESCALADA,", ",CERRADA,"));
        Files.write(conversations, lines, StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);

        int code = regla("service", "import", "--conversations", conversations.toString(), "--sales", data.resolve("sales.csv").toString(),
                "--db", dir.resolve("db").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("conversations.csv:2: status: ENUM:");
        assertThat(out.toString()).contains("199 importadas");
    }

    @Test
    void theFirstImportChoosesTheZoneOfTheDaysAndAnotherZoneIsRefused() {
        Path data = dir.resolve("data");
        regla("service", "generate", "--out", data.toString(), "--conversations", "50", "--today", "2026-03-02");
        String[] files = {"--conversations", data.resolve("conversations.csv").toString(), "--sales", data.resolve("sales.csv").toString(),
                "--db", dir.resolve("db").toString()};
        String[] buenosAires = java.util.stream.Stream.concat(java.util.Arrays.stream(files),
                java.util.stream.Stream.of("--zone", "America/Argentina/Buenos_Aires")).toArray(String[]::new);
        String[] utc = java.util.stream.Stream.concat(java.util.Arrays.stream(files), java.util.stream.Stream.of("--zone", "UTC")).toArray(String[]::new);

        assertThat(regla(java.util.stream.Stream.concat(java.util.stream.Stream.of("service", "import"), java.util.Arrays.stream(buenosAires))
                .toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(regla(java.util.stream.Stream.concat(java.util.stream.Stream.of("service", "import"), java.util.Arrays.stream(utc))
                .toArray(String[]::new))).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString()).contains("zone").contains("America/Argentina/Buenos_Aires");
        // without --zone, a store with conversations keeps its own
        assertThat(regla(java.util.stream.Stream.concat(java.util.stream.Stream.of("service", "import"), java.util.Arrays.stream(files))
                .toArray(String[]::new))).isZero();
    }

    @Test
    void aMissingColumnIsExitTwoNamingFileAndLine() throws IOException {
        Path conversations = Files.writeString(dir.resolve("c.csv"), "conversation_id,customer_id\n");
        Path sales = Files.writeString(dir.resolve("s.csv"), "sale_id\n");
        int code = regla("service", "import", "--conversations", conversations.toString(), "--sales", sales.toString(),
                "--db", dir.resolve("db").toString());
        assertThat(code).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString()).contains("c.csv:1").contains("customer_name");
    }

    @Test
    void theGeneratorWritesTheSameFilesForTheSameSeed() throws IOException {
        ContactCentre.write(dir.resolve("a"), 7, 300, LocalDate.parse("2026-03-02"));
        ContactCentre.write(dir.resolve("b"), 7, 300, LocalDate.parse("2026-03-02"));
        assertThat(Files.readString(dir.resolve("a/conversations.csv"))).isEqualTo(Files.readString(dir.resolve("b/conversations.csv")));
        assertThat(Files.readString(dir.resolve("a/sales.csv"))).isEqualTo(Files.readString(dir.resolve("b/sales.csv")));
    }
}
