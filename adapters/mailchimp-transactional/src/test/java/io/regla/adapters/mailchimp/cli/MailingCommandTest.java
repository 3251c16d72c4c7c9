package io.regla.adapters.mailchimp.cli;

import io.regla.adapters.mailchimp.webhook.MandrillEvent;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MailingCommandTest {

    static MandrillEvent event(String kind, String id, String template, Instant ts) {
        return new MandrillEvent(kind, ts, id, "g@example.com", template, List.of(), template + ":" + id, "E1", null, Map.of());
    }

    record Result(int exit, String out, String err) {
    }

    static Result regla(String... args) {
        CommandLine cl = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void prints_the_metrics_recorded_in_the_store(@TempDir Path dir) {
        Path db = dir.resolve("store");
        Instant monday = Instant.parse("2023-03-06T12:00:00Z");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            new DeliveryEventLog(store.facts(), ZoneId.of("America/Santiago")).record(List.of(
                    event("send", "m1", "BIENVENIDA", monday), event("send", "m2", "BIENVENIDA", monday),
                    event("open", "m1", "BIENVENIDA", monday.plusSeconds(60)),
                    event("click", "m1", "BIENVENIDA", monday.plusSeconds(90)),
                    event("send", "m3", "ENCUESTA_ADAPTACION", monday.plusSeconds(7 * 86400))));
        }
        Result all = regla("mailing", "metrics", "--db", db.toString());
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("open_rate", "click_rate");
        assertThat(all.out()).containsPattern("BIENVENIDA +2023-W10 +2 +2 +0 +1 +1 +50\\.0% +50\\.0%");
        assertThat(all.out()).contains("ENCUESTA_ADAPTACION").contains("2023-W11");

        Result one = regla("mailing", "metrics", "--db", db.toString(), "--week", "2023-W11");
        assertThat(one.out()).doesNotContain("BIENVENIDA").contains("ENCUESTA_ADAPTACION");
    }

    @Test
    void a_missing_store_is_a_usage_error_naming_it(@TempDir Path dir) {
        Result r = regla("mailing", "metrics", "--db", dir.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("nowhere");
    }

    /** {@code regla mailing metrics} as the issue writes it, no options, with the default store pointed at {@code db}. */
    static Result metricsWithoutOptions(Path defaultDb) {
        MailingCommand.Metrics metrics = new MailingCommand.Metrics();
        metrics.defaultDb = defaultDb;
        CommandLine cl = new CommandLine(metrics);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Result(cl.execute(), out.toString(), err.toString());
    }

    @Test
    void without_options_on_a_fresh_machine_it_names_both_sources_and_exits_0(@TempDir Path dir) {
        Result r = metricsWithoutOptions(dir.resolve(".regla/regla"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no store at", "Mandrill (transactional)", "no delivery events recorded",
                "Mailchimp Marketing (campaigns and journeys)", "no campaign reports read");
        assertThat(dir.resolve(".regla")).doesNotExist();
    }

    @Test
    void without_db_it_reads_the_store_regla_serve_writes_by_default(@TempDir Path dir) {
        Path db = dir.resolve(".regla/regla");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            new DeliveryEventLog(store.facts(), ZoneId.of("America/Santiago")).record(List.of(
                    event("send", "m1", "BIENVENIDA", Instant.parse("2023-03-06T12:00:00Z"))));
        }
        Result r = metricsWithoutOptions(db);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("BIENVENIDA +2023-W10 +1 +1").contains("no campaign reports read")
                .doesNotContain("no store at");
        assertThat(MailingCommand.DEFAULT_DB).isEqualTo(".regla/regla");
    }

    @Test
    void regla_mailing_metrics_with_no_options_is_a_valid_command_line() {
        // through the CLI as a user types it; the default store is relative to where it runs (none in the module)
        Result r = regla("mailing", "metrics");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Both sources side by side", "Mandrill (transactional)", "Mailchimp Marketing (campaigns and journeys)");
    }
}
