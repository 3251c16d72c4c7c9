package io.regla.adapters.sqlimport;

import io.regla.adapters.store.jdbc.JdbcStore;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever rows the source gains or changes between runs, after each import the store holds exactly
 * the source's rows, once each, and importing again changes nothing.
 */
class SqlImportProperties {

    private static JdbcStore store;

    @BeforeContainer
    static void openStore() throws Exception {
        Files.createDirectories(Path.of("target"));
        store = JdbcStore.h2(Files.createTempDirectory(Path.of("target"), "import").resolve("store"), Clock.systemUTC());
    }

    @AfterContainer
    static void closeStore() {
        store.close();
    }

    @Property(tries = 25)
    void theStoreMirrorsTheSourceAndReRunsAreNoOps(
            @ForAll @Size(min = 1, max = 4) List<@Size(max = 12) List<@IntRange(min = 1, max = 40) Integer>> runs,
            @ForAll @IntRange(min = 0, max = 3) int salt) {
        SourceDatabase source = new SourceDatabase();
        // ids are per-try: the source table is new, so prefix the stored ids with it
        SqlImport<TestEnrollment> importer = SqlImport.of(TestEnrollment.class).source(SourceDatabase.dataSource())
                .query(source.query().replace("matricula_id AS id", "'" + source.table + ":' || matricula_id AS id"))
                .build();
        Map<String, SourceDatabase.Row> expected = new TreeMap<>();
        int version = 0;
        for (List<Integer> run : runs) {
            version++;
            int v = version;
            List<SourceDatabase.Row> rows = run.stream().distinct().map(n -> {
                SourceDatabase.Row r = SourceDatabase.row(n);
                // the same row changes from run to run only when n, the run and the salt say so
                return (n + v + salt) % 3 == 0 ? new SourceDatabase.Row(r.id(), r.nombre() + " v" + v, r.sede(), r.tutor(),
                        r.correo(), r.alta(), r.inicio(), "CANCELLED") : r;
            }).toList();
            source.upsert(rows);
            rows.forEach(r -> expected.put(source.table + ":" + r.id(), r));
            if (expected.isEmpty()) {
                continue;
            }
            ImportReport first = importer.run(store.facts());
            assertThat(first.rows()).isEqualTo(expected.size());
            ImportReport again = importer.run(store.facts());
            assertThat(again.unchanged()).isEqualTo(expected.size());
            assertThat(again.inserted() + again.updated()).isZero();

            Map<String, TestEnrollment> stored = store.facts().list(TestEnrollment.class, source.table + ":", null, 1000)
                    .stream().collect(Collectors.toMap(f -> f.id(), f -> f.value()));
            assertThat(stored.keySet()).isEqualTo(expected.keySet());
            expected.forEach((id, row) -> {
                assertThat(stored.get(id).childName()).isEqualTo(row.nombre());
                assertThat(stored.get(id).status().name()).isEqualTo(row.estado());
            });
        }
    }
}
