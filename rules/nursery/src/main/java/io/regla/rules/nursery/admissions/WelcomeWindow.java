package io.regla.rules.nursery.admissions;

import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.mailing.MailKeys;
import io.regla.rules.mailing.Templates;
import io.regla.rules.nursery.Enrollment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps an import of existing families from welcoming children enrolled long ago: an enrolment whose
 * {@code enrolledOn} is older than the window (or unknown) and that has no welcome in its history gets a history
 * entry saying the welcome was skipped. The mailing rules send {@code BIENVENIDA} only to an enrolment without one in
 * its {@link EmailSent} history, so every released mailing version keeps deciding as it did: the window is data, not
 * a rule change. The entry is told apart from a real sending by its key, {@link #skippedKey}: the back office shows
 * it as "no enviada: matrícula anterior a la ventana".
 */
public final class WelcomeWindow {

    /** Appended to the welcome key of a skipped welcome. */
    public static final String SKIPPED = ":skipped-on-import";

    private final Period window;

    public WelcomeWindow(Period window) {
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("the welcome window must not be negative, was " + window);
        }
    }

    public Period window() {
        return window;
    }

    public static String skippedKey(String enrollmentId) {
        return MailKeys.welcome(enrollmentId) + SKIPPED;
    }

    /** Whether a history entry is a skipped welcome rather than an e-mail that went out. */
    public static boolean isSkipped(EmailSent sent) {
        return sent.key() != null && sent.key().endsWith(SKIPPED);
    }

    /**
     * The history entries to write with the imported enrolments (in the same transaction, so no daily run sees the
     * enrolments without them): one per enrolment enrolled before {@code today - window} with no welcome stored yet.
     */
    public List<FactWrite> skipOlder(List<Enrollment> imported, LocalDate today, Instant now, FactStore facts) {
        LocalDate first = today.minus(window);
        List<FactWrite> writes = new ArrayList<>();
        for (Enrollment e : imported) {
            if (e.enrolledOn() != null && !e.enrolledOn().isBefore(first)) {
                continue;
            }
            // a welcome sent (key BIENVENIDA:<id>) or skipped before: its history already stops the rules
            if (!facts.list(EmailSent.class, e.id() + "#" + MailKeys.welcome(e.id()), null, 1).isEmpty()) {
                continue;
            }
            String key = skippedKey(e.id());
            writes.add(FactWrite.insert(e.id() + "#" + key,
                    new EmailSent(e.id(), Templates.BIENVENIDA, e.guardianEmail(), now, key)));
        }
        return writes;
    }
}
