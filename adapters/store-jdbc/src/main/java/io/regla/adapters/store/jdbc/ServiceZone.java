package io.regla.adapters.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The zone whose calendar dates the service tables' days are (V80's regla_service_setting 'zone'). A conversation
 * started at 23:30 in Buenos Aires belongs to that day there, not to the next UTC day; the days are computed once, at
 * import, so the zone is the store's, chosen while it holds no conversations.
 */
final class ServiceZone {

    private ServiceZone() {
    }

    /** The store's zone; UTC when no import chose one. */
    static ZoneId of(Jdbc jdbc) {
        return jdbc.call("read the service zone", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT setting_value FROM regla_service_setting WHERE name = 'zone'")) {
                return rs.next() ? ZoneId.of(rs.getString(1)) : ZoneOffset.UTC;
            }
        });
    }

    /** Records {@code zone} in a store without conversations; in one with conversations it must be the recorded one. */
    static ZoneId choose(Jdbc jdbc, ZoneId zone) {
        return choose(jdbc, zone, true);
    }

    /**
     * Records {@code zone} in a store without conversations; a store with conversations keeps its zone, which must be
     * {@code zone} when {@code strict}.
     */
    static ZoneId choose(Jdbc jdbc, ZoneId zone, boolean strict) {
        return jdbc.transaction("choose the service zone", c -> {
            boolean held;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM " + JdbcServiceRepository.CONVERSATION + " FETCH FIRST 1 ROWS ONLY")) {
                held = rs.next();
            }
            ZoneId current = null;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT setting_value FROM regla_service_setting WHERE name = 'zone'")) {
                if (rs.next()) current = ZoneId.of(rs.getString(1));
            }
            if (held) {
                ZoneId stored = current == null ? ZoneOffset.UTC : current;
                if (strict && !stored.normalized().equals(zone.normalized())) {
                    throw new IllegalArgumentException("zone: the store's conversations are dated in " + stored + ", not "
                            + zone + " (import into it with --zone " + stored + ", or into a new store)");
                }
                return stored;
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM regla_service_setting WHERE name = 'zone'")) {
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO regla_service_setting (name, setting_value) VALUES ('zone', ?)")) {
                Jdbc.bind(i, zone.getId()).executeUpdate();
            }
            return zone;
        });
    }
}
