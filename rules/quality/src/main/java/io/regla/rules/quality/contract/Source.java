package io.regla.rules.quality.contract;

/**
 * Where a dataset's records come from: a CSV file (relative to the data folder) or a JDBC query.
 *
 * @param csv         the CSV file, or null
 * @param jdbcUrl     the JDBC URL, or null
 * @param query       the query for jdbc
 * @param user        database user, or null
 * @param passwordEnv environment variable holding the password, or null (never written in a contract)
 */
public record Source(String csv, String jdbcUrl, String query, String user, String passwordEnv) {

    public static Source csv(String file) {
        return new Source(file, null, null, null, null);
    }

    public static Source jdbc(String url, String query) {
        return new Source(null, url, query, null, null);
    }

    public boolean isCsv() {
        return csv != null;
    }
}
