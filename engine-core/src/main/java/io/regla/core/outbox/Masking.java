package io.regla.core.outbox;

/** Personal data as logs may show it. */
final class Masking {

    private Masking() {
    }

    /** {@code ana.garcia@example.com} becomes {@code a***@example.com}. */
    static String email(String address) {
        if (address == null || address.isEmpty()) {
            return "<none>";
        }
        int at = address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }
}
