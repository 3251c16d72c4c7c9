package io.regla.adapters.sqlimport;

import io.regla.adapters.store.jdbc.JdbcStore;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one store, both ticking at the same moments (each poll of a simulated three days), run each
 * scheduled import once: as many runs as a single scheduler would make, never two for one due time.
 */
class ScheduledImportRaceProperties {

    static final class SteppedClock extends Clock {
        volatile Instant now;

        SteppedClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Property(tries = 5)
    void twoSchedulersRacingRunEachImportOnce(@ForAll @IntRange(min = 20, max = 180) int pollMinutes,
                                              @ForAll @IntRange(min = 6, max = 12) int everyHours) throws Exception {
        String sourceUrl = "jdbc:h2:mem:race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(sourceUrl, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sedes (id VARCHAR(20), name VARCHAR(50), cap INT, days INT)");
            st.execute("INSERT INTO sedes VALUES ('C1', 'Sede', 2, 5)");
        }
        Path config = Files.createTempFile("import", ".yaml");
        Files.writeString(config, """
                source: {url: "%s", user: sa}
                records:
                  - {type: Campus, query: "SELECT id, name, cap AS daily_adaptation_capacity, days AS adaptation_days FROM sedes"}
                """.formatted(sourceUrl));
        SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T00:00:00Z"));
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ImportConfig cfg = ImportConfig.load(config, Map.of());
        Files.delete(config);
        Duration every = Duration.ofHours(everyHours);
        try (JdbcStore store = JdbcStore.open(ds, clock)) {
            List<ScheduledImport> instances = List.of(
                    ScheduledImport.builder(store, cfg).owner("a").every(every).clock(clock).build(),
                    ScheduledImport.builder(store, cfg).owner("b").every(every).clock(clock).build());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            int expected = 0;
            Instant last = null;
            try {
                Instant end = clock.now.plus(Duration.ofDays(3));
                while (clock.now.isBefore(end)) {
                    if (last == null || !clock.now.isBefore(last.plus(every))) {
                        expected++;    // what one scheduler alone would do at this poll
                        last = clock.now;
                    }
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> ticks = new ArrayList<>();
                    for (ScheduledImport i : instances) {
                        ticks.add(pool.submit(() -> {
                            go.await();
                            return i.tick();
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : ticks) {
                        f.get(1, TimeUnit.MINUTES);
                    }
                    clock.now = clock.now.plus(Duration.ofMinutes(pollMinutes));
                }
            } finally {
                pool.shutdownNow();
            }
            List<ImportRun> runs = store.facts().listAll(ImportRun.class);
            assertThat(runs).hasSize(expected);
            assertThat(runs).extracting(ImportRun::startedAt).doesNotHaveDuplicates();
            for (int i = 1; i < runs.size(); i++) {
                assertThat(Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt())).isGreaterThanOrEqualTo(every);
            }
        }
    }
}
