package io.regla.adapters.store.jdbc;

import io.regla.api.spi.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store another process holds open (a running {@code regla serve}) is refused with a sentence saying so, naming the
 * file, instead of H2's "Database may be already in use" and its stack of lock-file details.
 */
class H2StoreLockedTest {

    @TempDir
    Path dir;

    @Test
    void aStoreOpenInAnotherProcessIsRefusedWithASentenceNamingTheFile() throws Exception {
        Path db = dir.resolve("store");
        Process holder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                HoldsTheStore.class.getName(), db.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("open"));
            assertThat(line).as("the other process opened the store").isEqualTo("open");

            assertThatThrownBy(() -> JdbcStore.h2(db, Clock.systemUTC()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("the H2 store " + db.toAbsolutePath() + ".mv.db is open in another process")
                    .hasMessageContaining("regla serve");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(store.facts()).as("opens once the other process is gone").isNotNull();
        }
    }

    /** The other process: opens the store, says so, and holds it until it is killed. */
    public static final class HoldsTheStore {
        public static void main(String[] args) throws Exception {
            JdbcStore store = JdbcStore.h2(Path.of(args[0]), Clock.systemUTC());
            System.out.println("open");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
            store.close();
        }
    }
}
