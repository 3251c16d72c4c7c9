package io.regla.rules.loyalty.migration;

import java.util.Arrays;

/**
 * A set of ids (any strings) in a few flat arrays, for the load's check that a row's member is in {@code members.csv}
 * ({@link ExportLoader}): a {@code HashSet<String>} of 3 M ids costs about 300 MB of heap (a String, its byte[] and a
 * map node per id), this about 20 bytes an id for the generator's ("M" and 8 digits: 62 MB at 3 M; benchmarks/README.md,
 * "session 12: the load's member check from memory").
 * <ul>
 *   <li>{@code arena}: every id's bytes one after the other, each preceded by its length (7 bits a byte, low first). A
 *       char below 0x80 is one byte, below 0x800 two, any other three (each UTF-16 char on its own, surrogates too:
 *       unlike {@code String.getBytes(UTF_8)} no two strings share an encoding, even with an unpaired surrogate).</li>
 *   <li>{@code slots}: open addressing with linear probing, at most ¾ full, doubled when it would pass that; a slot is 0
 *       when empty, else the id's 32-bit hash (high half) and its arena offset + 1 (low half), so a probe compares the
 *       id's bytes only when the whole hash matches, and growing rehashes without reading the arena.</li>
 * </ul>
 * Not thread-safe (one scratch buffer for the id being looked up): the load's thread alone uses it.
 */
final class CompactIdSet {

    private static final int MAX_SLOTS = 1 << 30;
    /** An arena offset + 1 must fit the slot's low 32 bits as a positive int. */
    private static final int MAX_ARENA = Integer.MAX_VALUE - 16;

    private long[] slots = new long[16];
    private int mask = 15;
    private int resizeAt = 12;
    private int size;
    private byte[] arena = new byte[64];
    private int used;
    /** The id being added or looked up, encoded. */
    private byte[] scratch = new byte[64];

    int size() {
        return size;
    }

    boolean contains(String id) {
        int n = encode(id);
        int h = hash(scratch, n);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) return false;
            if ((int) (s >>> 32) == h && same((int) s - 1, n)) return true;
        }
    }

    /** Adds the id; false when it was there already. */
    boolean add(String id) {
        int n = encode(id);
        int h = hash(scratch, n);
        int i = h & mask;
        for (long s = slots[i]; s != 0; s = slots[i]) {
            if ((int) (s >>> 32) == h && same((int) s - 1, n)) return false;
            i = (i + 1) & mask;
        }
        int offset = append(n);
        slots[i] = ((long) h << 32) | (offset + 1);
        if (++size > resizeAt) grow();
        return true;
    }

    /** Gives back the arena's unused end (after the last id is added; adding again grows it again). */
    void trim() {
        if (arena.length > used) arena = Arrays.copyOf(arena, used);
    }

    /** Bytes of heap it holds: its arrays (with their 16-byte headers) and itself. */
    long retainedBytes() {
        return 48 + 16 + 8L * slots.length + 16 + arena.length + 16 + scratch.length;
    }

    /** Encodes the id into {@link #scratch}; returns its length. */
    private int encode(String id) {
        int chars = id.length();
        if (scratch.length < 3 * chars) scratch = new byte[Math.max(3 * chars, 2 * scratch.length)];
        byte[] b = scratch;
        int n = 0;
        for (int k = 0; k < chars; k++) {
            char c = id.charAt(k);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[n++] = (byte) (0xE0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return n;
    }

    /** FNV-1a over the bytes, then murmur3's finalizer, so that the low bits (the slot) depend on every byte. */
    private static int hash(byte[] b, int n) {
        int h = 0x811C9DC5;
        for (int k = 0; k < n; k++) h = (h ^ b[k]) * 0x01000193;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    /** Whether the id at this arena offset is the {@code n} bytes in {@link #scratch}. */
    private boolean same(int offset, int n) {
        int p = offset, len = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = arena[p++];
            len |= (b & 0x7F) << shift;
            if (b >= 0) break;
        }
        return len == n && Arrays.equals(arena, p, p + n, scratch, 0, n);
    }

    /** Appends the {@code n} bytes in {@link #scratch} with their length; returns where. */
    private int append(int n) {
        long need = (long) used + 5 + n;
        if (need > arena.length) {
            if (need > MAX_ARENA) throw new IllegalStateException("more than " + MAX_ARENA + " bytes of ids in memory (" + size + " ids)");
            arena = Arrays.copyOf(arena, (int) Math.min(MAX_ARENA, Math.max(need, arena.length + (arena.length >> 1))));
        }
        int offset = used;
        for (int len = n; ; len >>>= 7) {
            if (len < 0x80) {
                arena[used++] = (byte) len;
                break;
            }
            arena[used++] = (byte) (0x80 | len & 0x7F);
        }
        System.arraycopy(scratch, 0, arena, used, n);
        used += n;
        return offset;
    }

    private void grow() {
        if (slots.length >= MAX_SLOTS) throw new IllegalStateException("more than " + resizeAt + " ids in memory");
        long[] old = slots;
        slots = new long[old.length << 1];
        mask = slots.length - 1;
        resizeAt = slots.length / 4 * 3;
        for (long s : old) {
            if (s == 0) continue;
            int i = (int) (s >>> 32) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
    }
}
