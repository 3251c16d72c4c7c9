package io.regla.adapters.store.jdbc;

import java.util.Arrays;

/**
 * A count of response times (seconds) per bucket, from which chart 2's medians are read without the conversations:
 * the store keeps one per agent and start day and one per agent and month (Flyway V80), and a window adds up the
 * months it covers whole and the days at its ends.
 * <p>
 * Buckets: one per second below {@value #EXACT_BELOW} s (exact there), then each bucket {@value #RATIO_PERCENT} % wider
 * than the one before (the first of them, 63 to 66 s, follows from building the bounds from 0..{@value #EXACT}-1; it
 * stays so because the stored histograms are bucket indices). A median read back takes each middle value's bucket's representative, which is within
 * {@link #RELATIVE_ERROR} (2.5 %) of any whole number of seconds in the bucket, so the median is too (the mean of two
 * middle values as well). Stored as text {@code bucket:count,...} (portable, a few hundred characters).
 */
final class ResponseHistogram {

    static final int EXACT = 64;
    /**
     * Below this many seconds a bucket holds one value, so a median read back is exact. Not {@link #EXACT}: the bounds
     * continue from 63 at 5 %, so bucket 63 holds 63..66 s (a median of 63 s reads back 64.47, within the 2.5 %).
     */
    static final int EXACT_BELOW = 63;
    static final int RATIO_PERCENT = 5;
    /** The largest relative error of a median read back: (U - L) / (U + L) for a bucket of whole seconds [L, U]. */
    static final double RELATIVE_ERROR = 0.025;
    /** Lower bounds of the buckets: 0..63, then each the ceiling of the previous one times 1.05. */
    private static final long[] LOWER = lowerBounds();

    private long[] counts = new long[0];
    private long total;

    private static long[] lowerBounds() {
        long[] out = new long[EXACT + 800];
        int n = 0;
        for (; n < EXACT; n++) out[n] = n;
        while (n < out.length) {
            long next = (out[n - 1] * (100 + RATIO_PERCENT) + 99) / 100;
            if (next < out[n - 1] || next > Long.MAX_VALUE / (100 + RATIO_PERCENT)) break;
            out[n++] = next;
        }
        return Arrays.copyOf(out, n);
    }

    /** The bucket of a number of seconds (not negative). */
    static int bucket(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("seconds " + seconds + " is negative");
        if (seconds < EXACT) return (int) seconds;
        int i = Arrays.binarySearch(LOWER, seconds);
        return i >= 0 ? i : -i - 2;
    }

    /** A value standing for every whole number of seconds in bucket {@code b}, with the least worst relative error. */
    static double representative(int b) {
        long lower = LOWER[b];
        long upper = b + 1 < LOWER.length ? LOWER[b + 1] - 1 : lower;
        return lower == upper ? lower : 2.0 * lower * upper / (lower + upper);
    }

    void add(long seconds) {
        addCount(bucket(seconds), 1);
    }

    private void addCount(int b, long n) {
        if (b >= counts.length) counts = Arrays.copyOf(counts, Math.max(b + 1, counts.length * 2));
        counts[b] += n;
        total += n;
    }

    void add(ResponseHistogram other) {
        for (int b = 0; b < other.counts.length; b++) if (other.counts[b] != 0) addCount(b, other.counts[b]);
    }

    long total() {
        return total;
    }

    /** The median as PERCENTILE_CONT(0.5) would give it, to within {@link #RELATIVE_ERROR}; NaN when empty. */
    double median() {
        if (total == 0) return Double.NaN;
        double low = valueAtRank((total + 1) / 2);
        return total % 2 == 1 ? low : (low + valueAtRank(total / 2 + 1)) / 2;
    }

    /** The representative of the bucket holding the value of 1-based rank {@code rank}. */
    private double valueAtRank(long rank) {
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) return representative(b);
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total);
    }

    /** {@code bucket:count,...}, or null when empty. */
    String encode() {
        if (total == 0) return null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            if (b.length() > 0) b.append(',');
            b.append(i).append(':').append(counts[i]);
        }
        return b.toString();
    }

    /** Adds what {@link #encode()} wrote (null adds nothing). */
    ResponseHistogram addEncoded(String text) {
        if (text == null || text.isEmpty()) return this;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int colon = text.indexOf(':', i);
            int comma = text.indexOf(',', colon);
            if (comma < 0) comma = n;
            addCount(Integer.parseInt(text, i, colon, 10), Long.parseLong(text, colon + 1, comma, 10));
            i = comma + 1;
        }
        return this;
    }
}
