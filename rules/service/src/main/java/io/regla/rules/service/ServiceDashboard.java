package io.regla.rules.service;

import java.util.List;

/**
 * The customer-service dashboard's port: the eight charts of seed 003 and the alerts, over whatever store holds the
 * imported conversations and sales (store-jdbc's {@code JdbcServiceDashboard}). Records that started more than two
 * years before the as-of date (the implementation's clock) are never counted.
 */
public interface ServiceDashboard {

    /**
     * Chart {@code n} (1..8, see {@link ServiceCharts#TITLES}) over the query's window.
     *
     * @throws IllegalArgumentException when n is not 1..8
     */
    Chart chart(int n, ChartQuery query);

    /**
     * The zone whose calendar dates the days are (a conversation's start day, today for the default window, the
     * two-year horizon): a contact centre's own days, not UTC's.
     */
    default java.time.ZoneId zone() {
        return java.time.ZoneOffset.UTC;
    }

    /** The alerts for an audience ({@link ServiceAlert#SUPERVISOR} or {@link ServiceAlert#SYSTEM_ADMIN}) over the window. */
    List<ServiceAlert> alerts(String audience, ChartQuery query);
}
