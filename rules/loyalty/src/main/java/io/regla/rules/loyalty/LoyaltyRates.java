package io.regla.rules.loyalty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled loyalty versions' rates read from the same CSV tables the rules use (rules/loyalty/&lt;v&gt;/ on
 * the classpath, following {@code extends}), for the plain-Java yardsticks ({@link PlainLoyaltyProcessor}, and the
 * migration's plain replay, which knows them as {@code migration.PlainRules}): the rates stay data an analyst reviews
 * in one place; only the arithmetic is written twice (in plain Java, to cross-check the engine).
 */
public class LoyaltyRates {

    /** The bundled versions, oldest first (a test checks this against the engine's registry). */
    public static final List<String> BUNDLED = List.of("1.0.0", "1.0.1", "1.1.0", "1.1.1");

    /** One version's rates. */
    public record Version(String version, Instant effectiveFrom, ZoneId zone, Map<String, BigDecimal> categories,
                          Map<Tier, BigDecimal> tiers, Map<Tier, Long> caps, int pendingDays, int expiryMonths) {

        public BigDecimal category(String category) {
            BigDecimal x = categories.get(category);
            return x != null ? x : categories.get("OTHER");
        }
    }

    private final List<Version> versions;

    protected LoyaltyRates(List<Version> versions) {
        this.versions = versions;
    }

    public static LoyaltyRates bundled() {
        return new LoyaltyRates(bundledVersions());
    }

    /** The rates of each of {@link #BUNDLED}, oldest first. */
    protected static List<Version> bundledVersions() {
        List<Version> out = new ArrayList<>();
        for (String v : BUNDLED) out.add(load(v));
        return out;
    }

    /** The version effective at {@code at}. */
    public Version at(Instant at) {
        Version found = null;
        for (Version v : versions) {
            if (!v.effectiveFrom().isAfter(at)) found = v;
        }
        if (found == null) throw new IllegalArgumentException(at + " is before the first loyalty version");
        return found;
    }

    public ZoneId zone() {
        return versions.get(0).zone();
    }

    /** Every version, oldest first. */
    public List<Version> versions() {
        return versions;
    }

    private static Version load(String version) {
        Map<String, String> yaml = yaml(version);
        ZoneId zone = ZoneId.of(yaml.get("timeZone"));
        Instant from = LocalDate.parse(yaml.get("effectiveFrom")).atStartOfDay(zone).toInstant();
        Map<String, BigDecimal> categories = new HashMap<>();
        for (String[] r : csv(version, "category-multipliers.csv")) categories.put(r[0], new BigDecimal(r[1]));
        Map<Tier, BigDecimal> tiers = new HashMap<>();
        for (String[] r : csv(version, "tier-multipliers.csv")) tiers.put(Tier.valueOf(r[0]), new BigDecimal(r[1]));
        Map<Tier, Long> caps = new HashMap<>();
        for (String[] r : csv(version, "monthly-caps.csv")) caps.put(Tier.valueOf(r[0]), Long.parseLong(r[1]));
        String[] terms = csv(version, "accrual-terms.csv").get(0);
        return new Version(version, from, zone, categories, tiers, caps, Integer.parseInt(terms[0]), Integer.parseInt(terms[1]));
    }

    private static Map<String, String> yaml(String version) {
        Map<String, String> out = new HashMap<>();
        for (String line : lines("rules/loyalty/" + version + "/ruleset.yaml")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ") && !line.startsWith("#") && !line.startsWith("-")) {
                out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** The rows (header skipped) of a version's table, or of the version it extends when it does not override it. */
    private static List<String[]> csv(String version, String file) {
        String path = "rules/loyalty/" + version + "/" + file;
        if (LoyaltyRates.class.getClassLoader().getResource(path) == null) {
            String parent = yaml(version).get("extends");
            if (parent == null) throw new IllegalStateException("no " + path + " on the classpath");
            return csv(parent, file);
        }
        List<String[]> rows = new ArrayList<>();
        List<String> lines = lines(path);
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) rows.add(l.trim().split(","));
        }
        return rows;
    }

    private static List<String> lines(String path) {
        InputStream in = LoyaltyRates.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("no " + path + " on the classpath");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
