package io.regla.api;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-qualifier]}) of a rule set. A version with a
 * qualifier sorts before the same version without one, as in semver.
 */
public record Version(int major, int minor, int patch, String qualifier) implements Comparable<Version> {

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?");

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        qualifier = qualifier == null || qualifier.isEmpty() ? null : qualifier;
    }

    /** Parses {@code 1.2.3} or {@code 1.2.3-rc.1}; throws {@link IllegalArgumentException} naming the text. */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "version");
        Matcher m = SEMVER.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a semantic version (MAJOR.MINOR.PATCH): '" + text + "'");
        }
        return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4));
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0) {
            if (qualifier == null) return o.qualifier == null ? 0 : 1;
            if (o.qualifier == null) return -1;
            c = qualifier.compareTo(o.qualifier);
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (qualifier == null ? "" : "-" + qualifier);
    }
}
