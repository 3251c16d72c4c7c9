package io.regla.rules.mailing;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.Now;
import io.regla.api.Session;
import io.regla.api.action.Alert;
import io.regla.api.action.SendEmail;
import io.regla.core.testing.RuleSetModuleTests;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random enrolments, audiences and runs against both mailing versions: as daily runs that pass the
 * history of earlier runs back in (with or without keys), and as one long stateful session. Whatever
 * happens, no e-mail is sent twice and the audience rules hold at the moment each e-mail is emitted.
 */
class MailingProperties {

    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
    private static final String[] ADDRESSES = {"ana@example.com", "ANA@Example.com", "beto@example.com",
            "carla@example.com", "dani@example.com", "not-an-address", "x@y", null};
    private static final String[] CONTACTS = {"ana@example.com", "beto@example.com", "carla@example.com", "dani@example.com"};

    /** One enrolment of the initial world: address, state, and an adaptation (start offset in days) or none. */
    record Child(int address, EnrollmentStatus status, Integer adaptationOffset) {
    }

    /** A run: the clock moves on, and then the world may change (0 nothing, 1 state, 2 reschedule, 3 audience). */
    record Run(int advanceHours, int change, int target, int value) {
    }

    /** What was true when an e-mail was emitted. */
    record Emitted(SendEmail mail, LocalDate on, Map<String, Enrollment> enrollments, Map<String, Adaptation> adaptations,
                   Map<String, ContactStatus> contacts) {
    }

    @Property(tries = 120)
    void dailyRunsWithHistoryNeverSendTwice(@ForAll("versions") String version, @ForAll boolean historyKeepsKeys,
                                            @ForAll("children") @Size(min = 1, max = 6) List<Child> children,
                                            @ForAll("contacts") Map<Integer, ContactStatus> audience,
                                            @ForAll("runs") @Size(min = 1, max = 30) List<Run> runs) {
        World world = new World(children, audience);
        List<Emitted> emitted = new ArrayList<>();
        List<Object> history = new ArrayList<>();
        Map<String, Integer> alerts = new HashMap<>();
        Instant now = START;
        for (int r = -1; r < runs.size(); r++) {
            if (r >= 0) {
                now = now.plus(runs.get(r).advanceHours(), ChronoUnit.HOURS);
                world.change(runs.get(r));
            }
            List<Object> facts = new ArrayList<>(world.facts());
            facts.addAll(history);
            Decision d = RuleSetModuleTests.moduleEngine().decide("mailing", facts,
                    DecideOptions.builder().version(version).asOf(now).tracing(false).build());
            for (Action a : d.actions()) {
                if (a instanceof SendEmail m) {
                    emitted.add(world.snapshot(m, now));
                    history.add(new EmailSent(m.subjectId(), m.template(), m.to(), now, historyKeepsKeys ? m.key() : null));
                } else if (a instanceof Alert alert) {
                    alerts.merge(alert.subjectId(), 1, Integer::sum);
                    history.add(alert);
                }
            }
        }
        checkAll(version, emitted, alerts);
    }

    @Property(tries = 80)
    void oneLongSessionNeverSendsTwice(@ForAll("versions") String version,
                                       @ForAll("children") @Size(min = 1, max = 6) List<Child> children,
                                       @ForAll("contacts") Map<Integer, ContactStatus> audience,
                                       @ForAll("runs") @Size(min = 1, max = 30) List<Run> runs) {
        World world = new World(children, audience);
        List<Emitted> emitted = new ArrayList<>();
        Map<String, Integer> alerts = new HashMap<>();
        try (Session session = RuleSetModuleTests.moduleEngine().openSession("mailing", DecideOptions.builder().version(version).asOf(START).build())) {
            session.insertAll(world.facts());
            for (int r = -1; r < runs.size(); r++) {
                if (r >= 0) {
                    session.advanceTo(session.now().plus(runs.get(r).advanceHours(), ChronoUnit.HOURS));
                    // A session only grows: a reschedule adds the new adaptation next to the old one.
                    if (runs.get(r).change() == 2) session.insert(world.reschedule(runs.get(r)));
                }
                for (Action a : session.fire().actions()) {
                    if (a instanceof SendEmail m) emitted.add(world.snapshot(m, session.now()));
                    if (a instanceof Alert alert) alerts.merge(alert.subjectId(), 1, Integer::sum);
                }
            }
        }
        checkAll(version, emitted, alerts);
    }

    private static void checkAll(String version, List<Emitted> emitted, Map<String, Integer> alerts) {
        Set<String> keys = new HashSet<>();
        Map<String, Integer> perKey = new HashMap<>();
        for (Emitted e : emitted) {
            SendEmail m = e.mail();
            Statistics.label("templates").collect(m.template());
            assertThat(keys.add(m.template() + " " + m.key())).as("(template, key) sent once: %s", m).isTrue();
            assertThat(EmailAddresses.isValid(m.to())).as("valid address: %s", m).isTrue();
            ContactStatus contact = e.contacts().get(EmailAddresses.normalize(m.to()));
            assertThat(contact).as("nothing to CLEANED: %s", m).isNotEqualTo(ContactStatus.CLEANED);
            Enrollment enrollment = e.enrollments().get(m.subjectId());
            assertThat(enrollment.status()).as("nothing for a cancelled enrolment: %s", m).isNotEqualTo(EnrollmentStatus.CANCELLED);
            assertThat(EmailAddresses.same(enrollment.guardianEmail(), m.to())).as("to the guardian: %s", m).isTrue();
            String perWhat = switch (m.template()) {
                case Templates.BIENVENIDA -> "welcome " + m.subjectId();
                case Templates.RECORDATORIO_ADAPTACION -> "reminder " + m.subjectId() + " " + m.mergeFields().get("adaptationStartsOn");
                case Templates.ENCUESTA_ADAPTACION -> {
                    assertThat(contact).as("no survey to UNSUBSCRIBED: %s", m).isNotEqualTo(ContactStatus.UNSUBSCRIBED);
                    if (version.equals("1.0.0")) yield "survey " + EmailAddresses.normalize(m.to()) + " " + Now.isoWeekOf(e.on());
                    if (version.equals("1.1.0")) {
                        LocalDate endsOn = LocalDate.parse(m.mergeFields().get("adaptationEndsOn"));
                        assertThat(e.on()).as("survey only 5 days after the adaptation: %s", m).isAfterOrEqualTo(endsOn.plusDays(5));
                    } else {
                        LocalDate startsOn = LocalDate.parse(m.mergeFields().get("adaptationStartsOn"));
                        assertThat(e.on()).as("survey only 5 days after the adaptation started: %s", m).isAfterOrEqualTo(startsOn.plusDays(5));
                    }
                    yield "survey " + m.subjectId();
                }
                default -> throw new AssertionError("unknown template " + m.template());
            };
            perKey.merge(perWhat, 1, Integer::sum);
        }
        perKey.forEach((what, n) -> assertThat(n).as("at most one %s", what).isEqualTo(1));
        alerts.forEach((subject, n) -> assertThat(n).as("AUDIENCIA_INVALIDA once for %s", subject).isEqualTo(1));
    }

    /** The store's view of the nursery, changed between runs. */
    static final class World {
        final Map<String, Enrollment> enrollments = new LinkedHashMap<>();
        final Map<String, Adaptation> adaptations = new LinkedHashMap<>();
        final Map<String, ContactStatus> contacts = new LinkedHashMap<>();

        World(List<Child> children, Map<Integer, ContactStatus> audience) {
            LocalDate day0 = START.atZone(SANTIAGO).toLocalDate();
            for (int i = 0; i < children.size(); i++) {
                Child c = children.get(i);
                String id = "E" + i;
                enrollments.put(id, new Enrollment(id, "child" + i, "C1", "guardian" + i, ADDRESSES[c.address()],
                        day0.minusDays(10), day0, c.status()));
                if (c.adaptationOffset() != null) {
                    LocalDate s = day0.plusDays(c.adaptationOffset());
                    adaptations.put(id, new Adaptation(id, s, s.plusDays(4)));
                }
            }
            audience.forEach((i, status) -> contacts.put(CONTACTS[i], status));
        }

        List<Object> facts() {
            List<Object> out = new ArrayList<>(enrollments.values());
            out.addAll(adaptations.values());
            contacts.forEach((email, status) -> out.add(new MailingContact(email, status)));
            return out;
        }

        void change(Run run) {
            String id = "E" + Math.floorMod(run.target(), enrollments.size());
            switch (run.change()) {
                case 1 -> enrollments.put(id, enrollments.get(id).withStatus(EnrollmentStatus.values()[run.value() % 7]));
                case 2 -> adaptations.put(id, reschedule(run));
                case 3 -> contacts.put(CONTACTS[Math.floorMod(run.target(), CONTACTS.length)], ContactStatus.values()[run.value() % 5]);
                default -> {
                }
            }
        }

        Adaptation reschedule(Run run) {
            String id = "E" + Math.floorMod(run.target(), enrollments.size());
            LocalDate s = START.atZone(SANTIAGO).toLocalDate().plusDays(run.value());
            return new Adaptation(id, s, s.plusDays(4));
        }

        Emitted snapshot(SendEmail m, Instant at) {
            return new Emitted(m, at.atZone(SANTIAGO).toLocalDate(), Map.copyOf(enrollments), Map.copyOf(adaptations),
                    Map.copyOf(contacts));
        }
    }

    @Provide
    Arbitrary<String> versions() {
        return Arbitraries.of("1.0.0", "1.1.0", "1.2.0");
    }

    @Provide
    Arbitrary<List<Child>> children() {
        return Combinators.combine(
                Arbitraries.integers().between(0, ADDRESSES.length - 1),
                // Weighted towards the states the reminder and the 1.1.0 survey look at.
                Arbitraries.of(EnrollmentStatus.ENROLLED, EnrollmentStatus.INTERVIEWED, EnrollmentStatus.ADAPTATION_SCHEDULED,
                        EnrollmentStatus.ADAPTATION_SCHEDULED, EnrollmentStatus.ADAPTATION_SCHEDULED, EnrollmentStatus.ADAPTED,
                        EnrollmentStatus.ADAPTED, EnrollmentStatus.CANCELLED),
                Arbitraries.integers().between(-20, 20).injectNull(0.2)).as(Child::new).list();
    }

    @Provide
    Arbitrary<Map<Integer, ContactStatus>> contacts() {
        return Arbitraries.maps(Arbitraries.integers().between(0, CONTACTS.length - 1), Arbitraries.of(ContactStatus.class))
                .ofMaxSize(CONTACTS.length);
    }

    @Provide
    Arbitrary<List<Run>> runs() {
        return Combinators.combine(
                Arbitraries.of(0, 1, 6, 24, 24, 24, 72, 168),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 40)).as(Run::new).list();
    }
}
