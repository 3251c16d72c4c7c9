package io.regla.examples.vitamina;

import io.regla.adapters.eml.EmlMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.examples.DemoPart;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;

/**
 * {@code regla demo}'s nursery part: a semester of admissions at Vitamina on embedded defaults (an H2 file store and
 * the {@code .eml} mailer, both in a temporary directory), then its KPIs.
 */
public final class VitaminaDemo implements DemoPart {

    @Override
    public String title() {
        return "Vitamina: a semester of nursery admissions (8 campuses, 2,000 enrolments, virtual clock)";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        VitaminaSimulation.Config config = VitaminaSimulation.Config.semester();
        Path dir = Files.createTempDirectory("regla-vitamina-");
        Path db = dir.resolve("store");
        VirtualClock clock = new VirtualClock(config.firstDay().atTime(LocalTime.MIDNIGHT).atZone(VitaminaSimulation.Config.ZONE)
                .toInstant(), VitaminaSimulation.Config.ZONE);
        SemesterKpis kpis;
        // The H2 file database JdbcStore.h2 would open, behind a connection pool: the simulation makes some 100,000
        // store calls, and a pooled connection keeps H2's parsed statements between them.
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + db.toAbsolutePath() + ";DB_CLOSE_DELAY=-1",
                "regla", "");
        try (RulesEngine engine = Regla.builder().bundledRules().clock(clock).build();
             JdbcStore store = JdbcStore.open(pool, clock)) {
            EmlMailer eml = new EmlMailer(dir.resolve("mail"), "Vitamina", "no-reply@vitamina.example", clock);
            kpis = new VitaminaSimulation(config, engine, store, eml, VitaminaSimulation.Dispatch.standard(), clock).run();
        } finally {
            try (var c = pool.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            }
            pool.dispose();
        }
        out.print(kpis.format().indent(2));
        out.println("  store: " + db + "   mails (.eml): " + dir.resolve("mail"));
        out.println("  delivery metrics per week: regla mailing metrics --db " + db);
        out.flush();
    }
}
