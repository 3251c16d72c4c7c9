package io.regla.rules.nursery.admissions;

import io.regla.api.PersonalData;
import io.regla.api.action.Alert;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.StoredFact;
import io.regla.rules.mailing.EmailAddresses;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.Interview;
import io.regla.rules.scheduling.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The nursery facts as the store keeps them, and how each is keyed:
 * <ul>
 *   <li>{@link Campus}, {@link Enrollment}: their id; {@link Interview}, {@link Adaptation}: the enrolment id
 *       (the current one: earlier ones are told by the journey);</li>
 *   <li>{@link JourneyStep}: {@code <enrollmentId>#<millis>#<n>}; {@link Alert}: {@code <subjectId>#<code>#<millis>#<n>};
 *       {@link EmailSent}: {@code <enrollmentId>#<outbox key>}: all readable per enrolment by id prefix;</li>
 *   <li>{@link MailingContact}: the normalised address; {@link AdaptationSlot}: {@code <campus>#<day>#<enrollmentId>}.</li>
 * </ul>
 * Enrolment ids must not contain {@code #}.
 */
public final class NurseryRecords {

    private static final Logger LOG = LoggerFactory.getLogger(NurseryRecords.class);
    private static final int PAGE = 500;

    private final FactStore facts;

    public NurseryRecords(FactStore facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    public FactStore facts() {
        return facts;
    }

    // ---- reads

    public Optional<StoredFact<Enrollment>> enrollment(String id) {
        return facts.get(Enrollment.class, id);
    }

    /** Every enrolment with its version, in id order. */
    public List<StoredFact<Enrollment>> enrollments() {
        return listStored(Enrollment.class, "");
    }

    public List<Enrollment> enrollmentsOfCampus(String campusId) {
        return facts.listAll(Enrollment.class).stream().filter(e -> campusId.equals(e.campusId())).toList();
    }

    public Optional<Campus> campus(String id) {
        return id == null ? Optional.empty() : facts.get(Campus.class, id).map(StoredFact::value);
    }

    public List<Campus> campuses() {
        return facts.listAll(Campus.class);
    }

    public Optional<Interview> interview(String enrollmentId) {
        return facts.get(Interview.class, enrollmentId).map(StoredFact::value);
    }

    public Optional<Adaptation> adaptation(String enrollmentId) {
        return facts.get(Adaptation.class, enrollmentId).map(StoredFact::value);
    }

    /**
     * The adaptations starting at a campus on a day, each with its enrolment (the capacity rule needs both),
     * except {@code exceptEnrollmentId}'s own.
     */
    public List<Object> adaptationsStarting(String campusId, java.time.LocalDate day, String exceptEnrollmentId) {
        List<Object> out = new ArrayList<>();
        for (StoredFact<AdaptationSlot> slot : listStored(AdaptationSlot.class, AdaptationSlot.dayPrefix(campusId, day))) {
            String other = slot.value().enrollmentId();
            if (other.equals(exceptEnrollmentId)) {
                continue;
            }
            Optional<Adaptation> adaptation = adaptation(other).filter(a -> a.startsOn().equals(day));
            Optional<StoredFact<Enrollment>> enrollment = enrollment(other);
            if (adaptation.isPresent() && enrollment.isPresent()) {
                out.add(adaptation.get());
                out.add(enrollment.get().value());
            }
        }
        return out;
    }

    public List<Alert> alertsOf(String subjectId) {
        return values(listStored(Alert.class, subjectId + "#"));
    }

    public List<Alert> alerts() {
        return facts.listAll(Alert.class);
    }

    public List<MailingContact> contactsFor(String email) {
        if (email == null) {
            return List.of();
        }
        return facts.get(MailingContact.class, EmailAddresses.normalize(email)).map(StoredFact::value).stream().toList();
    }

    public List<MailingContact> contacts() {
        return facts.listAll(MailingContact.class);
    }

    public List<EmailSent> emailsSentFor(String enrollmentId) {
        return values(listStored(EmailSent.class, enrollmentId + "#"));
    }

    public List<EmailSent> emailsSent() {
        return facts.listAll(EmailSent.class);
    }

    public List<JourneyStep> journey(String enrollmentId) {
        return values(listStored(JourneyStep.class, JourneyStep.prefix(enrollmentId)));
    }

    // ---- writes

    /** Imports or updates reference and contact data (campuses, enrolments from the SQL import, contacts). */
    public void putCampus(Campus campus) {
        facts.put(campus.id(), campus);
    }

    public void putEnrollment(Enrollment enrollment) {
        facts.put(enrollment.id(), enrollment);
    }

    public void putContact(MailingContact contact) {
        facts.put(EmailAddresses.normalize(contact.email()), contact);
    }

    /**
     * Applies transitions to an enrolment: the enrolment first, as a compare-and-set on the version read
     * (a concurrent change makes this throw {@link io.regla.api.spi.ConcurrentUpdateException} and writes nothing),
     * then one journey step per transition.
     */
    void applyTransitions(StoredFact<Enrollment> read, Enrollment after, List<Transition> transitions, Instant at) {
        facts.replace(read.id(), after, read.version());
        int n = 0;
        for (Transition t : transitions) {
            JourneyStep step = JourneyStep.of(t, at);
            // steps applied at the same instant (two commands in one clock tick) take the next free number
            while (!facts.insert(step.storeId(n), step)) {
                n++;
            }
            n++;
        }
    }

    void putInterview(Interview interview) {
        facts.put(interview.enrollmentId(), interview);
    }

    /** Stores the adaptation and moves its capacity slot when the start day changed. */
    void putAdaptation(String campusId, Optional<Adaptation> before, Adaptation after) {
        facts.put(after.enrollmentId(), after);
        if (before.isPresent() && !before.get().startsOn().equals(after.startsOn())) {
            facts.delete(AdaptationSlot.class, new AdaptationSlot(campusId, before.get().startsOn(), after.enrollmentId()).storeId());
        }
        AdaptationSlot slot = new AdaptationSlot(campusId, after.startsOn(), after.enrollmentId());
        facts.insert(slot.storeId(), slot);
    }

    /** Stores alerts (messages masked: they are shown and logged) and logs them. */
    List<Alert> raise(List<Alert> alerts, Instant at) {
        List<Alert> stored = new ArrayList<>();
        int n = 0;
        for (Alert a : alerts) {
            Alert masked = new Alert(a.code(), a.subjectId(), PersonalData.maskEmailsIn(a.message()));
            String prefix = (a.subjectId() == null ? "-" : a.subjectId()) + "#" + a.code() + "#";
            while (!facts.insert(prefix + String.format("%015d#%03d", at.toEpochMilli(), n), masked)) {
                n++;
            }
            n++;
            LOG.info("alert {} on {}: {}", masked.code(), masked.subjectId(), masked.message());
            stored.add(masked);
        }
        return stored;
    }

    /** Records that an e-mail went out (idempotent: a key is recorded once). */
    void recordSent(EmailSent sent) {
        String subject = sent.enrollmentId() == null ? "-" : sent.enrollmentId();
        facts.insert(subject + "#" + sent.key(), sent);
    }

    private <T extends Record> List<StoredFact<T>> listStored(Class<T> type, String prefix) {
        List<StoredFact<T>> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<StoredFact<T>> page = facts.list(type, prefix, after, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static <T extends Record> List<T> values(List<StoredFact<T>> stored) {
        return stored.stream().map(StoredFact::value).toList();
    }
}
