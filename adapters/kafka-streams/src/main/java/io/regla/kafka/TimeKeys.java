package io.regla.kafka;

/** Store keys that sort by event time: {@code <20 digits>|<tag>|<id>}, negative instants included. */
final class TimeKeys {

    private TimeKeys() {
    }

    static String key(long at, String tag, String id) {
        // offset so negative instants sort too; 20 digits hold every long
        String digits = Long.toUnsignedString(at ^ Long.MIN_VALUE);
        return "0".repeat(20 - digits.length()) + digits + "|" + tag + "|" + id;
    }

    static long timeOf(String key) {
        return Long.parseUnsignedLong(key.substring(0, 20)) ^ Long.MIN_VALUE;
    }
}
