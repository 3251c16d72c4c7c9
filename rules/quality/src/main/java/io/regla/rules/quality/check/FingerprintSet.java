package io.regla.rules.quality.check;

/**
 * A set of 128-bit fingerprints ({@link Hashes}) in two primitive arrays with open addressing: about 21 bytes per
 * member at its fullest (load 3/4), no object per member. The key index (DUPLICATE_KEY) and reference indexes
 * (ORPHAN_REFERENCE) of a ten-million-row dataset fit in a few hundred megabytes at most.
 */
public final class FingerprintSet {

    private long[] a;
    private long[] b;
    private int size;
    private int mask;

    public FingerprintSet() {
        this(1024);
    }

    public FingerprintSet(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        a = new long[cap];
        b = new long[cap];
        mask = cap - 1;
    }

    /** Adds the text's fingerprint; false when it was already there. */
    public boolean add(CharSequence text) {
        return add(Hashes.h1(text), Hashes.h2(text));
    }

    public boolean contains(CharSequence text) {
        return contains(Hashes.h1(text), Hashes.h2(text));
    }

    public boolean add(long x, long y) {
        if (x == 0 && y == 0) y = 1; // (0, 0) marks an empty slot
        int i = (int) (x ^ (x >>> 32)) & mask;
        while (a[i] != 0 || b[i] != 0) {
            if (a[i] == x && b[i] == y) return false;
            i = (i + 1) & mask;
        }
        a[i] = x;
        b[i] = y;
        if (++size * 4L > (mask + 1) * 3L) grow();
        return true;
    }

    public boolean contains(long x, long y) {
        if (x == 0 && y == 0) y = 1;
        int i = (int) (x ^ (x >>> 32)) & mask;
        while (a[i] != 0 || b[i] != 0) {
            if (a[i] == x && b[i] == y) return true;
            i = (i + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oa = a, ob = b;
        a = new long[oa.length * 2];
        b = new long[ob.length * 2];
        mask = a.length - 1;
        size = 0;
        for (int i = 0; i < oa.length; i++) {
            if (oa[i] != 0 || ob[i] != 0) add(oa[i], ob[i]);
        }
    }
}
