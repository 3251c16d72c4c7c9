package io.regla.examples.loyalty;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.ledger.StatementLine;
import io.regla.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code regla loyalty statement <memberId>}: a member's ledger entries with the running balance. */
@Command(name = "statement", description = "Print a member's points ledger: every entry with the running balance, then the balance derived at --as-of.")
final class LoyaltyStatementCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<memberId>", description = "The member's id, e.g. M00042.")
    String memberId;

    @Mixin
    LoyaltyStoreOptions store = new LoyaltyStoreOptions(LoyaltyDemo.defaultDatabase());

    @Option(names = "--as-of", paramLabel = "<instant>", description = "Derive the balance at this instant (default: now), e.g. 2025-12-31T23:59:59-03:00.")
    String asOf;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Instant at = asOf == null ? Instant.now() : parse(asOf);
        Path db = this.store.db;
        if (this.store.jdbcUrl == null && !Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"))) {
            throw new CliException("no ledger at " + db + ".mv.db: run ./regla demo first, or give --db or --jdbc-url");
        }
        try (JdbcStore store = this.store.open()) {
            UnfinishedMigrationNotice.print(store, spec.commandLine().getErr());
            PointsStatement s = store.ledger().statement(memberId, at);
            PrintWriter out = spec.commandLine().getOut();
            if (s.lines().isEmpty()) {
                throw new CliException("member " + memberId + " has no ledger entries");
            }
            out.printf("Points statement of %s%n", memberId);
            out.printf("%5s  %-25s %-10s %-28s %-28s %9s %9s  %s%n", "#", "OCCURRED", "KIND", "SOURCE", "LOT", "POINTS", "BALANCE", "NOTE");
            for (StatementLine l : s.lines()) {
                var e = l.entry();
                out.printf("%5d  %-25s %-10s %-28s %-28s %+9d %9d  %s%n", e.entryNo(), e.occurredAt(), e.kind(), e.sourceId(),
                        e.lotId().isEmpty() ? "-" : e.lotId(), e.points(), l.runningBalance(), e.note() == null ? "" : e.note());
            }
            PointsBalance b = s.balance();
            out.printf("As of %s: balance %d = available %d + pending %d + lapsing %d - negative %d; expired so far %d%n",
                    b.asOf(), b.balance(), b.available(), b.pending(), b.lapsing(), b.negative(), b.expired());
            out.flush();
            return 0;
        }
    }

    private static Instant parse(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException("--as-of: '" + text + "' is not an instant with offset such as 2025-12-31T23:59:59-03:00");
        }
    }
}
