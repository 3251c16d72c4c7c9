package io.regla.api;

import java.util.Locale;

/** Formats facts can arrive in. */
public enum FactFormat {
    JSON, YAML, CSV;

    /** The format named by a file's extension ({@code .json}, {@code .yaml}/{@code .yml}, {@code .csv}). */
    public static FactFormat ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) return JSON;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return YAML;
        if (lower.endsWith(".csv")) return CSV;
        throw new IllegalArgumentException("cannot tell the format of '" + fileName + "': use .json, .yaml, .yml or .csv");
    }
}
