package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.Member;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Not a test: times the CRM migration's replay reads (every chunk's members and events, as the replay reads them) and the
 * balance verification's read over an H2 store a migration left (issue 11, session 10). Run on a copy of the store: it
 * opens the file alone. {@code java -Xmx4g -cp ... MigrationReadsBench FILE(without .mv.db) replay|balances|sql "SQL"...}
 */
public final class MigrationReadsBench {

    public static void main(String[] args) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + args[0] + ";DB_CLOSE_DELAY=-1");
        ds.setUser("regla");
        ds.setPassword("");
        Jdbc jdbc = new Jdbc(ds);
        jdbc.call("cache", c -> {
            try (Statement st = c.createStatement()) {
                // what a migration run sets on a 4 GiB heap (H2BulkCache)
                st.execute("SET CACHE_SIZE " + H2BulkCache.bulkCacheKiB(Runtime.getRuntime().maxMemory()));
            }
            return null;
        });
        int chunk = Integer.getInteger("chunk", 500);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "replay" -> replay(new MigrationReplayWriter(jdbc, false), chunk);
                case "balances" -> balances(new MigrationVerificationReads(jdbc));
                case "sql" -> sql(jdbc, args[++i]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        jdbc.call("shutdown", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
            return null;
        });
    }

    private static void replay(MigrationReplayWriter w, int chunk) {
        long c0 = cpuMs(), t0 = System.nanoTime(), members = 0, events = 0, hash = 0, readMembersNs = 0;
        String after = null;
        while (true) {
            long tm = System.nanoTime();
            List<Member> ms = w.membersAfter(after, chunk);
            readMembersNs += System.nanoTime() - tm;
            if (ms.isEmpty()) break;
            members += ms.size();
            after = ms.get(ms.size() - 1).id();
            List<Object> evs = w.eventsOfMembers(ms.get(0).id(), after);
            events += evs.size();
            if (Boolean.getBoolean("chunks")) System.out.println("chunk " + ms.get(0).id() + " " + after + " " + evs.size());
            for (Object e : evs) hash += fingerprint(e);
        }
        System.out.printf("replay reads: %d members, %d events in %d ms, cpu %d ms (members %d ms), fingerprint %x%n", members, events,
                (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0, readMembersNs / 1_000_000, hash);
    }

    /** An order-independent fingerprint of the events read (the replay sorts them itself). */
    static long fingerprint(Object e) {
        int h = e.toString().hashCode(); // records: every field
        return h * 0x9E3779B97F4A7C15L;
    }

    private static void balances(MigrationVerificationReads v) {
        long c0 = cpuMs(), t0 = System.nanoTime();
        long[] acc = new long[4];
        v.balances("OPENING-", b -> {
            acc[0]++;
            acc[1] += b.replayed();
            acc[2] += b.hasHistory() ? 1 : 0;
            acc[3] = acc[3] * 31 + b.memberId().hashCode() + b.replayed() * 7 + (b.hasHistory() ? 1 : 0);
        });
        System.out.printf("balances: %d members, replayed sum %d, with history %d, fingerprint %x in %d ms, cpu %d ms%n", acc[0], acc[1], acc[2], acc[3],
                (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0);
    }

    private static long cpuMs() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
    }

    private static void sql(Jdbc jdbc, String sql) {
        long c0 = cpuMs(), t0 = System.nanoTime();
        jdbc.call("sql", c -> {
            try (Statement st = c.createStatement()) {
                if (st.execute(sql)) {
                    try (ResultSet rs = st.getResultSet()) {
                        int n = rs.getMetaData().getColumnCount(), rows = 0;
                        while (rs.next()) {
                            if (rows++ < 20) {
                                StringBuilder b = new StringBuilder();
                                for (int k = 1; k <= n; k++) b.append(k > 1 ? " | " : "").append(rs.getString(k));
                                System.out.println(b);
                            }
                        }
                        System.out.println("(" + rows + " rows)");
                    }
                }
            }
            return null;
        });
        System.out.printf("%d ms, cpu %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0, sql.length() > 120 ? sql.substring(0, 120) + "..." : sql);
    }
}
