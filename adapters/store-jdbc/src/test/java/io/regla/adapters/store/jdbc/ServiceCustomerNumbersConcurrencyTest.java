package io.regla.adapters.store.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two imports refreshing chart 5's customer statuses at the same time (V90's numbers, V97's counter): the second
 * numbering starts while the first has numbered its customers and not yet committed. Before V97 both read the same
 * MAX(customer_no): two customers got one number (merged in the chart's counts), or one customer two rows (a
 * primary-key failure). Now the second waits for the first's commit and continues after its numbers.
 */
class ServiceCustomerNumbersConcurrencyTest {

    @Test
    void concurrent_numberings_on_h2_give_every_customer_one_number_of_its_own() throws Exception {
        concurrentNumberings(TestDatabases.h2());
    }

    @Test
    void concurrent_numberings_on_postgresql_give_every_customer_one_number_of_its_own() throws Exception {
        concurrentNumberings(TestDatabases.postgresStore());
    }

    private static void concurrentNumberings(JdbcStore store) throws Exception {
        LocalDate today = H2ServiceStatusDaysProperties.importInTwoParts(store, 42L, 400);
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM regla_service_status_day");
            s.executeUpdate("DELETE FROM regla_service_customer_number");
            s.executeUpdate("UPDATE regla_service_customer_counter SET last_no = 0");
        }
        LocalDate first = today.minusDays(900), middle = today.minusDays(450);
        CountDownLatch firstNumbered = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> inTransaction(store, c -> {
            ServiceStatusDays.rebuild(c, first, middle);
            firstNumbered.countDown();
            Thread.sleep(400); // still uncommitted while the other numbering starts (H2's lock timeout is 1 s)
        }));
        assertThat(firstNumbered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> inTransaction(store, c ->
                ServiceStatusDays.rebuild(c, middle.plusDays(1), today)));
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);

        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            long customers = scalar(s, "SELECT COUNT(DISTINCT customer_id) FROM " + JdbcServiceRepository.CONVERSATION);
            assertThat(customers).as("the generated centre has customers on both sides of the cut").isGreaterThan(10);
            Set<Integer> numbers = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT customer_no FROM regla_service_customer_number")) {
                while (rs.next()) assertThat(numbers.add(rs.getInt(1))).as("number %d given once", rs.getInt(1)).isTrue();
            }
            assertThat(numbers).hasSize((int) customers);
            assertThat(scalar(s, "SELECT last_no FROM regla_service_customer_counter WHERE id = 1"))
                    .isEqualTo(scalar(s, "SELECT MAX(customer_no) FROM regla_service_customer_number"));
        }
    }

    interface Work {
        void run(Connection c) throws Exception;
    }

    private static void inTransaction(JdbcStore store, Work work) {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
