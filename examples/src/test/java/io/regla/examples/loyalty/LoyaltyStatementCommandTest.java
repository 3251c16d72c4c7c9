package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.rules.loyalty.ledger.LotDraw;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoyaltyStatementCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsEntriesWithRunningBalanceAndTheDerivedBalance() {
        Path db = dir.resolve("ledger");
        Instant t = Instant.parse("2025-03-10T13:00:00Z");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            store.ledger().post(new Posting.Accrual("M7", "T1", 150, t, t.plus(Duration.ofDays(10)), t.plus(Duration.ofDays(730)), "accrue-points"));
            store.ledger().post(new Posting.Redemption("M7", "R1", t.plus(Duration.ofDays(12)), List.of(new LotDraw("T1", 100))));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ReglaCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("loyalty", "statement", "M7", "--db", db.toString(), "--as-of", "2025-04-01T00:00:00-03:00");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Points statement of M7")
                .containsPattern("1 +2025-03-10T13:00:00Z +ACCRUAL +T1 +T1 +\\+150 +150 +accrue-points")
                .containsPattern("2 +2025-03-22T13:00:00Z +REDEMPTION +R1 +T1 +-100 +50")
                .contains("balance 50 = available 50 + pending 0 + lapsing 0 - negative 0");

        StringWriter err2 = new StringWriter();
        cli.setErr(new PrintWriter(err2));
        assertThat(cli.execute("loyalty", "statement", "NOBODY", "--db", db.toString())).isEqualTo(ReglaCli.USAGE);
        assertThat(err2.toString()).contains("member NOBODY has no ledger entries");
        assertThat(cli.execute("loyalty", "statement", "M7", "--db", dir.resolve("missing").toString())).isEqualTo(ReglaCli.USAGE);
        assertThat(cli.execute("loyalty", "statement", "M7", "--db", db.toString(), "--as-of", "yesterday")).isEqualTo(ReglaCli.USAGE);
    }
}
