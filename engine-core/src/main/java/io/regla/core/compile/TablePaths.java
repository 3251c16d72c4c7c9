package io.regla.core.compile;

/**
 * The path a decision table is compiled under: its content's hash, then its name. Drools' decision-table provider
 * is a JVM-wide singleton that caches the DRL generated from a table by its source path: under its bare name, a
 * table edited and reloaded in a running JVM (or another rule set's table of the same name) would compile as the
 * first one did. {@link #fileOf} gives the name back for error messages.
 */
final class TablePaths {

    private static final String TABLE_PREFIX = "dtable-";

    private TablePaths() {
    }

    static String of(String name, byte[] content) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            return TABLE_PREFIX + java.util.HexFormat.of().formatHex(h, 0, 8) + "/" + name;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule set file a Drools source path names (a table's path without its content prefix). */
    static String fileOf(String sourcePath) {
        if (sourcePath != null && sourcePath.startsWith(TABLE_PREFIX)) {
            int slash = sourcePath.indexOf('/');
            if (slash > 0) return sourcePath.substring(slash + 1);
        }
        return sourcePath;
    }
}
