package io.regla.adapters.store.jdbc;

import io.regla.rules.service.Granularity;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Chart 5's aggregate (Flyway V90): per start day, each customer of the day (by number) with the highest status
 * rank of its conversations that day. Counting a window's customers per period and highest rank then reads one
 * small row per day and merges the days in memory: exact for any window and granularity (periods cut by the
 * window's ends are just fewer days), where the same count over the conversations read every conversation's index
 * entry (~800,000 for two years at a million conversations).
 */
final class ServiceStatusDays {

    private static final String CONVERSATION = JdbcServiceRepository.CONVERSATION;

    /** Customers per period and highest rank ({period start -> {rank -> customers}}), and over the whole window. */
    record Counts(Map<LocalDate, Map<Integer, Long>> byPeriod, Map<Integer, Long> whole) {
    }

    private final Jdbc jdbc;

    ServiceStatusDays(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Numbers the new customers of the start days [from, to] and rebuilds those days' rows (in {@code c}'s transaction). */
    static void rebuild(Connection c, LocalDate from, LocalDate to) throws SQLException {
        try (Statement s = c.createStatement()) {
            // V97's counter row first: its lock makes concurrent numberings take turns (read committed: the later one
            // then sees the earlier one's customers and numbers), where reading MAX(customer_no) gave both the same
            s.executeUpdate("UPDATE regla_service_customer_counter SET last_no = last_no WHERE id = 1");
        }
        int numbered;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO regla_service_customer_number (customer_id, customer_no)"
                + " SELECT customer_id, (SELECT last_no FROM regla_service_customer_counter WHERE id = 1)"
                + " + ROW_NUMBER() OVER (ORDER BY customer_id) FROM (SELECT DISTINCT customer_id FROM " + CONVERSATION + " v"
                + " WHERE v.started_day BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM regla_service_customer_number n"
                + " WHERE n.customer_id = v.customer_id)) x")) {
            numbered = Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to)).executeUpdate();
        }
        if (numbered > 0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE regla_service_customer_counter SET last_no = last_no + ? WHERE id = 1")) {
                Jdbc.bind(ps, numbered).executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM regla_service_status_day WHERE started_day BETWEEN ? AND ?")) {
            Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to)).executeUpdate();
        }
        try (PreparedStatement read = c.prepareStatement("SELECT v.started_day, n.customer_no, MAX(v.status_rank) FROM " + CONVERSATION
                + " v JOIN regla_service_customer_number n ON n.customer_id = v.customer_id WHERE v.started_day BETWEEN ? AND ?"
                + " GROUP BY v.started_day, n.customer_no ORDER BY v.started_day, n.customer_no");
             PreparedStatement write = c.prepareStatement("INSERT INTO regla_service_status_day (started_day, customers) VALUES (?, ?)")) {
            Jdbc.bind(read, Date.valueOf(from), Date.valueOf(to));
            try (ResultSet rs = read.executeQuery()) {
                Date day = null;
                Encoder e = null;
                while (rs.next()) {
                    Date d = rs.getDate(1);
                    if (!d.equals(day)) {
                        if (e != null) Jdbc.bind(write, day, e.bytes()).addBatch();
                        day = d;
                        e = new Encoder();
                    }
                    e.add(rs.getInt(2), rs.getInt(3));
                }
                if (e != null) Jdbc.bind(write, day, e.bytes()).addBatch();
            }
            write.executeBatch();
        }
    }

    /**
     * Customers of the start days [from, to] per period of {@code g} (keyed by the period's start) and highest rank
     * in it, and over the whole of [from, to].
     */
    Counts counts(LocalDate from, LocalDate to, Granularity g) {
        Map<LocalDate, Map<Integer, Long>> byPeriod = new HashMap<>();
        Map<Integer, Long> whole = new HashMap<>();
        jdbc.call("read customer statuses per day", c -> {
            Tally period = new Tally();
            Tally all = new Tally();
            LocalDate current = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT started_day, customers FROM regla_service_status_day"
                    + " WHERE started_day BETWEEN ? AND ? ORDER BY started_day")) {
                Jdbc.bind(ps, Date.valueOf(from), Date.valueOf(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate p = g.periodStart(rs.getDate(1).toLocalDate());
                        if (!p.equals(current)) {
                            if (current != null) byPeriod.put(current, period.close());
                            current = p;
                        }
                        byte[] b = rs.getBytes(2);
                        int no = 0;
                        for (int[] at = {0}; at[0] < b.length; ) {
                            no += varint(b, at);
                            int rank = unzigzag(varint(b, at));
                            period.add(no, rank);
                            all.add(no, rank);
                        }
                    }
                }
            }
            if (current != null) byPeriod.put(current, period.close());
            whole.putAll(all.close());
            return null;
        });
        return new Counts(byPeriod, whole);
    }

    /**
     * Per month of the start days [from, to]: {customers with a conversation in those days of the month, of which
     * seen in an earlier month since {@code horizon}} (chart 6's months cut by a window's ends; {@code from} is
     * not before {@code horizon}). Reads the days from the horizon on, to know who was seen before each month.
     */
    Map<LocalDate, long[]> retention(LocalDate from, LocalDate to, LocalDate horizon) {
        Map<LocalDate, long[]> out = new HashMap<>();
        jdbc.call("read customers per day for retention", c -> {
            int[] firstSeen = new int[1 << 16];               // epoch day + 1 of a customer's first day since the horizon
            Tally month = new Tally();
            LocalDate current = null;
            long[] counts = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT started_day, customers FROM regla_service_status_day"
                    + " WHERE started_day BETWEEN ? AND ? ORDER BY started_day")) {
                Jdbc.bind(ps, Date.valueOf(horizon), Date.valueOf(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = rs.getDate(1).toLocalDate();
                        int epoch = (int) day.toEpochDay() + 1;
                        boolean counted = !day.isBefore(from);
                        if (counted && !Granularity.MONTH.periodStart(day).equals(current)) {
                            month.close();
                            current = Granularity.MONTH.periodStart(day);
                            counts = out.computeIfAbsent(current, k -> new long[2]);
                        }
                        int monthStart = current == null ? 0 : (int) current.toEpochDay() + 1;
                        byte[] b = rs.getBytes(2);
                        int no = 0;
                        for (int[] at = {0}; at[0] < b.length; ) {
                            no += varint(b, at);
                            varint(b, at);                       // the rank: not chart 6's concern
                            if (no >= firstSeen.length) firstSeen = Arrays.copyOf(firstSeen, Math.max(no + 1, firstSeen.length * 2));
                            if (firstSeen[no] == 0) firstSeen[no] = epoch;
                            if (counted && month.first(no)) {
                                counts[0]++;
                                if (firstSeen[no] < monthStart) counts[1]++;
                            }
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /**
     * The highest rank of each customer seen since the last {@link #close()}, by customer number. A customer's round
     * and rank sit side by side (one cache line per customer: two years at a million are ~800,000 adds over
     * ~330,000 numbers), and a round is counted into an array per rank, not a boxed map per customer.
     */
    private static final class Tally {
        private int[] slots = new int[2 << 16];              // [2 no]: the round that last saw it, [2 no + 1]: its rank
        private int[] seen = new int[1 << 12];
        private int size;
        private int round = 1;

        void add(int no, int r) {
            int i = no << 1;
            if (i + 1 >= slots.length) slots = Arrays.copyOf(slots, Math.max(i + 2, slots.length * 2));
            if (slots[i] != round) {
                slots[i] = round;
                slots[i + 1] = r;
                if (size == seen.length) seen = Arrays.copyOf(seen, size * 2);
                seen[size++] = no;
            } else if (r > slots[i + 1]) {
                slots[i + 1] = r;
            }
        }

        /** Records {@code no} in this round; true when it was not yet in it. */
        boolean first(int no) {
            boolean fresh = (no << 1) >= slots.length || slots[no << 1] != round;
            add(no, 0);
            return fresh;
        }

        /** {rank -> customers} of this round; the next round starts empty. */
        Map<Integer, Long> close() {
            long[] small = new long[16];                        // the rule set's ranks are small; others go to the map
            Map<Integer, Long> out = new HashMap<>();
            for (int k = 0; k < size; k++) {
                int r = slots[(seen[k] << 1) + 1];
                if (r >= 0 && r < small.length) small[r]++;
                else out.merge(r, 1L, Long::sum);
            }
            for (int r = 0; r < small.length; r++) if (small[r] > 0) out.put(r, small[r]);
            size = 0;
            round++;
            return out;
        }
    }

    /** A day's row: customers in ascending number, as varint deltas, each followed by its zigzag varint rank. */
    static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int last;

        void add(int no, int rank) {
            if (no <= last) throw new IllegalArgumentException("customer numbers must ascend: " + no + " after " + last);
            varint(no - last);
            varint((rank << 1) ^ (rank >> 31));
            last = no;
        }

        private void varint(int v) {
            while ((v & ~0x7F) != 0) {
                out.write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write(v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static int varint(byte[] b, int[] at) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[at[0]++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) return v;
        }
    }

    private static int unzigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
