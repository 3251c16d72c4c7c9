package io.regla.rules.nursery.admissions;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.Session;
import io.regla.api.action.Alert;
import io.regla.api.action.Rejection;
import io.regla.api.action.SendEmail;
import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.Store;
import io.regla.api.spi.StoredFact;
import io.regla.core.outbox.EmailOutbox;
import io.regla.rules.mailing.EmailAddresses;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.Interview;
import io.regla.rules.scheduling.Command;
import io.regla.rules.scheduling.ScheduleAdaptation;
import io.regla.rules.scheduling.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nursery admissions application: handles a director's {@link Command} or the daily run by loading the facts
 * from the store, deciding with {@code scheduling} and then {@code mailing} (each at the version effective on the
 * clock's date), and applying what the rules emitted:
 * <ul>
 *   <li>{@link Transition}: the enrolment (and its interview or adaptation) is written with an optimistic version
 *       check, and the transition is stored as a {@link JourneyStep} with who and why;</li>
 *   <li>{@link SendEmail}: enqueued in the outbox under its key (the dispatcher sends it later; a
 *       {@link SentRecordingMailer} records the {@code EmailSent} the rules read next time);</li>
 *   <li>{@link Rejection}: returned to the caller, nothing written;</li>
 *   <li>{@link Alert}: stored and logged with personal data masked.</li>
 * </ul>
 * Thread-safe when the engine and store are. Time comes only from the given clock.
 */
public final class NurseryService {

    private static final Logger LOG = LoggerFactory.getLogger(NurseryService.class);

    public static final String SCHEDULING = "scheduling";
    public static final String MAILING = "mailing";
    /** Enrolments per mailing decision in the daily run (see {@link #mailingBatches}). */
    static final int MAILING_BATCH = 250;

    private final RulesEngine engine;
    private final NurseryRecords records;
    private final EmailOutbox outbox;
    private final Clock clock;

    public NurseryService(RulesEngine engine, Store store, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.records = new NurseryRecords(store.facts());
        this.outbox = new EmailOutbox(store.outbox(), clock);
    }

    public NurseryRecords records() {
        return records;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Handles one command at the clock's instant.
     *
     * @throws UnknownEnrollmentException if the store has no such enrolment
     * @throws ConcurrentUpdateException  if the enrolment changed while this call decided (nothing written): retry
     */
    public CommandOutcome handle(Command command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        DecideOptions options = options(now);
        String id = command.enrollmentId();
        StoredFact<Enrollment> read = records.enrollment(id).orElseThrow(() -> new UnknownEnrollmentException(id));
        Enrollment before = read.value();
        Optional<Interview> interviewBefore = records.interview(id);
        Optional<Adaptation> adaptationBefore = records.adaptation(id);

        List<Object> in = new ArrayList<>();
        in.add(before);
        records.campus(before.campusId()).ifPresent(in::add);
        interviewBefore.ifPresent(in::add);
        adaptationBefore.ifPresent(in::add);
        if (command instanceof ScheduleAdaptation schedule) {
            in.addAll(records.adaptationsStarting(before.campusId(), schedule.startsOn(), id));
        }
        List<Alert> earlierAlerts = records.alertsOf(id);
        in.addAll(earlierAlerts);
        in.add(command);

        Decision decision;
        Enrollment after;
        Optional<Interview> interviewAfter;
        Optional<Adaptation> adaptationAfter;
        try (Session session = engine.openSession(SCHEDULING, options)) {
            session.insertAll(in);
            decision = session.fire();
            after = only(session.facts(Enrollment.class), Enrollment::id, id).orElse(before);
            interviewAfter = only(session.facts(Interview.class), Interview::enrollmentId, id);
            adaptationAfter = only(session.facts(Adaptation.class), Adaptation::enrollmentId, id);
        }
        // Clock rules may fire for the other enrolments loaded for the capacity check: those are the daily
        // run's business, so only this enrolment's transitions and alerts are applied here.
        List<Transition> transitions = decision.actions(Transition.class).stream()
                .filter(t -> id.equals(t.enrollmentId())).toList();
        List<Rejection> rejections = decision.actions(Rejection.class);
        List<Alert> alerts = new ArrayList<>(decision.actions(Alert.class).stream()
                .filter(a -> id.equals(a.subjectId())).toList());
        if (!rejections.isEmpty()) {
            LOG.info("{} rejected: {}", command.label(), rejections.stream().map(Rejection::code).toList());
        }
        if (!transitions.isEmpty()) {
            records.applyTransitions(read, after, transitions, now);
            if (interviewAfter.isPresent() && !interviewAfter.equals(interviewBefore)) {
                records.putInterview(interviewAfter.get());
            }
            if (adaptationAfter.isPresent() && !adaptationAfter.equals(adaptationBefore)) {
                records.putAdaptation(after.campusId(), adaptationBefore, adaptationAfter.get());
            }
        } else {
            after = before;
        }
        List<Alert> raised = new ArrayList<>(records.raise(alerts, now));
        List<String> enqueued = new ArrayList<>();
        if (!transitions.isEmpty()) {
            List<Alert> known = new ArrayList<>(earlierAlerts);
            known.addAll(raised);
            Decision mailing = engine.decide(MAILING, mailingFacts(after, adaptationAfter, known), options);
            enqueued.addAll(enqueue(mailing.actions(SendEmail.class)).keys());
            raised.addAll(records.raise(mailing.actions(Alert.class), now));
        }
        return new CommandOutcome(after, transitions, rejections, raised, enqueued);
    }

    /**
     * The daily run at the clock's instant: the clock rules of {@code scheduling} on every enrolment not in a final
     * state with its adaptation, campus and earlier alerts (what those rules read; one batch per campus), then {@code mailing} over every enrolment not cancelled, in
     * batches that keep each guardian address's enrolments together (the weekly survey of mailing 1.0.0 looks across
     * enrolments for a guardian's other children): see {@link #mailingBatches}.
     */
    public DailyRunReport dailyRun() {
        Instant now = clock.instant();
        DecideOptions options = options(now);
        List<StoredFact<Enrollment>> enrollments = records.enrollments();
        Map<String, Campus> campuses = records.campuses().stream().collect(Collectors.toMap(Campus::id, c -> c));
        Map<String, Adaptation> adaptations = byEnrollment(records.facts().listAll(Adaptation.class), Adaptation::enrollmentId);
        Map<String, List<Alert>> alerts = records.alerts().stream()
                .filter(a -> a.subjectId() != null).collect(Collectors.groupingBy(Alert::subjectId));

        Map<String, List<Object>> batches = new LinkedHashMap<>();
        for (StoredFact<Enrollment> stored : enrollments) {
            Enrollment e = stored.value();
            if (e.status().isFinal()) {
                continue;
            }
            List<Object> batch = batches.computeIfAbsent(String.valueOf(e.campusId()), c -> {
                List<Object> facts = new ArrayList<>();
                Optional.ofNullable(campuses.get(c)).ifPresent(facts::add);
                return facts;
            });
            batch.add(e);
            Optional.ofNullable(adaptations.get(e.id())).ifPresent(batch::add);
            batch.addAll(alerts.getOrDefault(e.id(), List.of()));
        }
        List<Decision> decisions = engine.decideAll(SCHEDULING, new ArrayList<>(batches.values()), options);

        Map<String, StoredFact<Enrollment>> byId = enrollments.stream()
                .collect(Collectors.toMap(StoredFact::id, f -> f, (a, b) -> a, LinkedHashMap::new));
        Map<String, Enrollment> current = new LinkedHashMap<>();
        byId.forEach((k, v) -> current.put(k, v.value()));
        List<Transition> applied = new ArrayList<>();
        List<Alert> raisedAlerts = new ArrayList<>();
        int conflicts = 0;
        for (Decision d : decisions) {
            Map<String, List<Transition>> perEnrollment = d.actions(Transition.class).stream()
                    .collect(Collectors.groupingBy(Transition::enrollmentId, LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<String, List<Transition>> entry : perEnrollment.entrySet()) {
                StoredFact<Enrollment> read = byId.get(entry.getKey());
                List<Transition> ts = entry.getValue();
                Enrollment after = read.value().withStatus(ts.get(ts.size() - 1).to());
                try {
                    records.applyTransitions(read, after, ts, now);
                    current.put(after.id(), after);
                    applied.addAll(ts);
                } catch (ConcurrentUpdateException e) {
                    // a director changed it meanwhile: the next run decides again on the new state
                    conflicts++;
                    LOG.info("daily run: enrolment {} changed meanwhile, left for the next run", read.id());
                }
            }
            raisedAlerts.addAll(records.raise(d.actions(Alert.class), now));
        }

        List<Alert> knownAlerts = new ArrayList<>();
        alerts.values().forEach(knownAlerts::addAll);
        knownAlerts.addAll(raisedAlerts);
        List<SendEmail> emails = new ArrayList<>();
        List<Alert> mailingAlerts = new ArrayList<>();
        for (Decision d : engine.decideAll(MAILING, mailingBatches(current.values(), adaptations,
                records.contacts(), records.emailsSent(), knownAlerts, MAILING_BATCH), options)) {
            emails.addAll(d.actions(SendEmail.class));
            mailingAlerts.addAll(d.actions(Alert.class));
        }
        Enqueued enqueued = enqueue(emails);
        raisedAlerts.addAll(records.raise(mailingAlerts, now));
        return new DailyRunReport(now, applied, raisedAlerts, enqueued.keys().size(), enqueued.duplicates(), conflicts);
    }

    /**
     * The daily run's mailing facts in batches of about {@value #MAILING_BATCH} enrolments, split by guardian address.
     * Every mailing rule joins an enrolment only with facts of the same enrolment (adaptation, alerts, history by
     * enrolment id) or of the same address, compared normalised (contact, history by recipient, 1.0.0's other
     * children of the guardian): a batch that holds all of an address's enrolments and everything keyed by them or
     * by the address decides the same mail as one decision over everything, without joining every enrolment with
     * every contact and history entry (those address joins cannot be indexed). A history entry goes to its
     * enrolment's batch and to its recipient's. Cancelled enrolments are left out: no mailing rule matches or counts
     * one.
     */
    static List<List<Object>> mailingBatches(Collection<Enrollment> enrollments, Map<String, Adaptation> adaptations,
                                             List<MailingContact> contacts, List<EmailSent> history, List<Alert> alerts,
                                             int batchSize) {
        List<Enrollment> live = enrollments.stream().filter(e -> e.status() != EnrollmentStatus.CANCELLED).toList();
        int count = Math.max(1, (live.size() + batchSize - 1) / batchSize);
        List<List<Object>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(new ArrayList<>());
        }
        Map<String, List<Object>> batchOfEnrollment = new HashMap<>();
        for (Enrollment e : live) {
            List<Object> batch = batches.get(batchIndex(e.guardianEmail(), count));
            batchOfEnrollment.put(e.id(), batch);
            batch.add(e);
            Optional.ofNullable(adaptations.get(e.id())).ifPresent(batch::add);
        }
        for (MailingContact c : contacts) {
            batches.get(batchIndex(c.email(), count)).add(c);
        }
        for (EmailSent sent : history) {
            List<Object> byEnrollment = sent.enrollmentId() == null ? null : batchOfEnrollment.get(sent.enrollmentId());
            List<Object> byRecipient = batches.get(batchIndex(sent.to(), count));
            if (byEnrollment != null) {
                byEnrollment.add(sent);
            }
            if (byRecipient != byEnrollment) {
                byRecipient.add(sent);
            }
        }
        for (Alert a : alerts) {
            List<Object> batch = a.subjectId() == null ? null : batchOfEnrollment.get(a.subjectId());
            if (batch != null) {
                batch.add(a);
            }
        }
        return batches;
    }

    /** The batch of an address: by its normalised form, as the rules compare addresses. */
    private static int batchIndex(String address, int count) {
        return address == null ? 0 : Math.floorMod(EmailAddresses.normalize(address).hashCode(), count);
    }

    private List<Object> mailingFacts(Enrollment enrollment, Optional<Adaptation> adaptation, List<Alert> alerts) {
        List<Object> in = new ArrayList<>();
        in.add(enrollment);
        adaptation.ifPresent(in::add);
        in.addAll(records.contactsFor(enrollment.guardianEmail()));
        in.addAll(records.emailsSentFor(enrollment.id()));
        in.addAll(alerts);
        return in;
    }

    private record Enqueued(List<String> keys, int duplicates) {
    }

    private Enqueued enqueue(List<SendEmail> emails) {
        List<String> keys = new ArrayList<>();
        int duplicates = 0;
        for (SendEmail email : emails) {
            if (outbox.enqueue(email)) {
                keys.add(email.key());
            } else {
                duplicates++;
            }
        }
        return new Enqueued(keys, duplicates);
    }

    private static DecideOptions options(Instant now) {
        return DecideOptions.builder().asOf(now).tracing(false).build();
    }

    private static <T> Optional<T> only(Collection<T> facts, Function<T, String> idOf, String id) {
        return facts.stream().filter(f -> id.equals(idOf.apply(f))).findFirst();
    }

    private static <T> Map<String, T> byEnrollment(List<T> facts, Function<T, String> idOf) {
        return facts.stream().collect(Collectors.toMap(idOf, f -> f, (a, b) -> b));
    }
}
