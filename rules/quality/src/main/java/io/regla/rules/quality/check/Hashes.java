package io.regla.rules.quality.check;

/**
 * Two 64-bit hashes of a text, of different construction (FNV-1a and a polynomial hash, each finalised with
 * MurmurHash3's mixer): together a 128-bit fingerprint. Key and reference indexes keep fingerprints instead of the
 * texts (16 bytes a key, whatever its length); two different keys share one with probability about 2^-128 per pair.
 */
public final class Hashes {

    private Hashes() {
    }

    public static long h1(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return fmix(h ^ s.length());
    }

    public static long h2(CharSequence s) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < s.length(); i++) {
            h = h * 0xC6A4A7935BD1E995L + s.charAt(i) + 1;
        }
        return fmix(h + s.length() * 0x632BE59BD9B4E019L);
    }

    public static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
