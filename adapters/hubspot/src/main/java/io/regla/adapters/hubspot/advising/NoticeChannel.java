package io.regla.adapters.hubspot.advising;

import java.util.Locale;

/**
 * How the internal notices ("Deal sin Facultad Asociada [name]", "Facultad sin asesor […]") reach the owner: the
 * seed's "correo interno al Propietario del negocio" ({@link #EMAIL}, the default), a HubSpot task ({@link #TASK}), or
 * both. {@code regla advising sync --notice task|email|both}.
 */
public enum NoticeChannel {
    TASK, EMAIL, BOTH;

    public boolean tasks() {
        return this != EMAIL;
    }

    public boolean emails() {
        return this != TASK;
    }

    /** {@code task}, {@code email} or {@code both}, any case. */
    public static NoticeChannel parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("notice channel '" + text + "' is not one of task, email, both");
        }
    }
}
