package io.regla.rules.quality.reconcile;

import io.regla.rules.quality.check.Hashes;
import io.regla.rules.quality.check.Masking;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.ContractException;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.FieldType;
import io.regla.rules.quality.source.RowReader;
import io.regla.rules.quality.source.Sources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reconciles a source with a target (after a load or a migration), per dataset: record counts, the sum of every
 * numeric field, and a key-level diff found the way data-diff does it, by checksums over key segments and
 * bisection of the segments that differ. Segments are ranges of the key's 64-bit hash (so unsorted CSV files and
 * any key type split evenly): the first pass compares {@value #FIRST_BITS}-bit segments, each later pass splits
 * the differing ones {@value #SPLIT_BITS} bits further, and a segment of at most {@value #LEAF_ROWS} rows is
 * compared row by row. Memory is the segment checksums plus the rows of differing leaf segments: never a whole
 * side. Values are compared by their typed, canonical form (10.50 equals 10.5; a datetime equals the same instant
 * in another offset), so a CSV export reconciles with the database it was loaded into.
 */
public final class Reconciler {

    static final int FIRST_BITS = 12;
    static final int SPLIT_BITS = 8;
    static final int LEAF_ROWS = 2_000;

    private final Contracts contracts;
    private final Sources source;
    private final Sources target;

    private final int firstBits;
    private final int leafRows;

    public Reconciler(Contracts contracts, Sources source, Sources target) {
        this(contracts, source, target, FIRST_BITS, LEAF_ROWS);
    }

    /**
     * With other segment sizes: tests use tiny ones so that a few hundred rows exercise several bisection passes.
     *
     * @param firstBits the first pass compares 2^firstBits segments
     * @param leafRows  segments of at most this many rows are compared row by row
     */
    public Reconciler(Contracts contracts, Sources source, Sources target, int firstBits, int leafRows) {
        if (firstBits < 1 || firstBits > 32) throw new IllegalArgumentException("firstBits must be within 1..32");
        if (leafRows < 1) throw new IllegalArgumentException("leafRows must be at least 1");
        this.contracts = contracts;
        this.source = source;
        this.target = target;
        this.firstBits = firstBits;
        this.leafRows = leafRows;
    }

    public ReconcileResult run() {
        List<DatasetDiff> out = new ArrayList<>();
        for (Contract c : contracts.byName().values()) out.add(reconcile(c));
        return new ReconcileResult(out);
    }

    /** A segment: the top {@code bits} bits of the key hash equal {@code prefix}. */
    private record Segment(int bits, long prefix) {
        boolean holds(long keyHash) {
            return (keyHash >>> (64 - bits)) == prefix;
        }
    }

    /** Count and order-independent checksum of the rows in one segment. */
    private static final class Sum {
        long rows;
        long checksum;
    }

    public DatasetDiff reconcile(Contract c) {
        if (c.key().isEmpty()) {
            throw new ContractException(c.file().getFileName() + ": key: reconciling " + c.dataset() + " needs a key");
        }
        List<Field> fields = c.fieldList();
        int[] keyColumns = c.key().stream().mapToInt(k -> fields.indexOf(c.fields().get(k))).toArray();
        Side src = new Side(), tgt = new Side();
        // Pass 1: totals and the first level of segment checksums.
        Map<Long, Sum> srcSegments = new HashMap<>(), tgtSegments = new HashMap<>();
        scan(c, source, fields, keyColumns, src, srcSegments, null, firstBits, null);
        scan(c, target, fields, keyColumns, tgt, tgtSegments, null, firstBits, null);
        List<Segment> differing = differing(srcSegments, tgtSegments, firstBits);
        int passes = 1;
        List<String> missing = new ArrayList<>(), extra = new ArrayList<>();
        List<DatasetDiff.Changed> changed = new ArrayList<>();
        while (!differing.isEmpty()) {
            passes++;
            List<Segment> leaves = new ArrayList<>(), split = new ArrayList<>();
            for (Segment s : differing) {
                long rows = Math.max(rows(srcSegments, s), rows(tgtSegments, s));
                if (rows <= leafRows || s.bits + SPLIT_BITS > 64) leaves.add(s);
                else split.add(s);
            }
            int childBits = split.isEmpty() ? 0 : split.get(0).bits + SPLIT_BITS;
            Map<Long, Sum> srcChildren = new HashMap<>(), tgtChildren = new HashMap<>();
            Map<String, String[]> srcRows = new HashMap<>(), tgtRows = new HashMap<>();
            scan(c, source, fields, keyColumns, null, srcChildren, split, childBits, new LeafRows(leaves, srcRows));
            scan(c, target, fields, keyColumns, null, tgtChildren, split, childBits, new LeafRows(leaves, tgtRows));
            diffRows(c, fields, srcRows, tgtRows, missing, extra, changed);
            srcSegments = srcChildren;
            tgtSegments = tgtChildren;
            differing = split.isEmpty() ? List.of() : differing(srcChildren, tgtChildren, childBits);
        }
        missing.sort(null);
        extra.sort(null);
        changed.sort((a, b) -> a.key().compareTo(b.key()));
        return new DatasetDiff(c.dataset(), src.records, tgt.records, src.sums, tgt.sums, missing, extra, changed, passes);
    }

    /** Totals of one side. */
    private static final class Side {
        long records;
        final Map<String, BigDecimal> sums = new LinkedHashMap<>();
    }

    private record LeafRows(List<Segment> leaves, Map<String, String[]> rows) {
    }

    /**
     * Reads one side once. Rows inside a {@code within} segment (all rows when null) add to the checksum of their
     * {@code bits}-bit child segment; rows inside a leaf segment are kept for the row-level diff.
     */
    private static void scan(Contract c, Sources sources, List<Field> fields, int[] keyColumns, Side totals,
                             Map<Long, Sum> segments, List<Segment> within, int bits, LeafRows leaves) {
        if (totals != null) {
            for (Field f : fields) if (f.type().numeric()) totals.sums.put(f.name(), BigDecimal.ZERO);
        }
        boolean anyWithin = within != null && !within.isEmpty();
        try (RowReader reader = sources.open(c)) {
            String[] row;
            String[] canonical = new String[fields.size()];
            StringBuilder key = new StringBuilder(), all = new StringBuilder();
            while ((row = reader.next()) != null) {
                all.setLength(0);
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    String text = row[i] == null ? null : row[i].strip();
                    Object typed = text == null || text.isEmpty() ? null : f.type().parse(text, c.timeZone());
                    canonical[i] = typed == null ? null : typed == FieldType.INVALID ? text : FieldType.canonical(typed);
                    if (totals != null && typed != null && typed != FieldType.INVALID && f.type().numeric()) {
                        BigDecimal n = typed instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) typed;
                        totals.sums.merge(f.name(), n, BigDecimal::add);
                    }
                    all.append(canonical[i] == null ? "\u0000" : canonical[i]).append('\u0001');
                }
                if (totals != null) totals.records++;
                key.setLength(0);
                for (int k = 0; k < keyColumns.length; k++) {
                    if (k > 0) key.append('|');
                    if (canonical[keyColumns[k]] != null) key.append(canonical[keyColumns[k]]);
                }
                long keyHash = Hashes.h1(key);
                if (leaves != null && inAny(leaves.leaves(), keyHash)) {
                    leaves.rows().put(key.toString(), canonical.clone());
                    continue;
                }
                if (within != null && (!anyWithin || !inAny(within, keyHash))) continue;
                if (bits == 0) continue;
                long rowHash = Hashes.h2(all);
                Sum s = segments.computeIfAbsent(keyHash >>> (64 - bits), k -> new Sum());
                s.rows++;
                s.checksum += Hashes.fmix(keyHash ^ (rowHash * 0x9E3779B97F4A7C15L));
            }
        }
    }

    private static boolean inAny(List<Segment> segments, long keyHash) {
        for (Segment s : segments) if (s.holds(keyHash)) return true;
        return false;
    }

    private static List<Segment> differing(Map<Long, Sum> a, Map<Long, Sum> b, int bits) {
        TreeMap<Long, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        List<Segment> out = new ArrayList<>();
        for (Long k : keys.keySet()) {
            Sum x = a.get(k), y = b.get(k);
            if (x == null || y == null || x.rows != y.rows || x.checksum != y.checksum) out.add(new Segment(bits, k));
        }
        return out;
    }

    private static long rows(Map<Long, Sum> sums, Segment s) {
        Sum x = sums.get(s.prefix);
        return x == null ? 0 : x.rows;
    }

    private static void diffRows(Contract c, List<Field> fields, Map<String, String[]> src, Map<String, String[]> tgt,
                                 List<String> missing, List<String> extra, List<DatasetDiff.Changed> changed) {
        for (Map.Entry<String, String[]> e : src.entrySet()) {
            String[] t = tgt.get(e.getKey());
            String shown = Masking.key(c, e.getKey());
            if (t == null) {
                missing.add(shown);
                continue;
            }
            List<String> differ = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!java.util.Objects.equals(e.getValue()[i], t[i])) differ.add(fields.get(i).name());
            }
            if (!differ.isEmpty()) changed.add(new DatasetDiff.Changed(shown, differ));
        }
        for (String k : tgt.keySet()) if (!src.containsKey(k)) extra.add(Masking.key(c, k));
    }
}
