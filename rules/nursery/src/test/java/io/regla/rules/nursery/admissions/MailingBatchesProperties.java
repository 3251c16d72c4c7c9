package io.regla.rules.nursery.admissions;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.action.Alert;
import io.regla.api.action.SendEmail;
import io.regla.core.Regla;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.mailing.MailKeys;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily run decides mailing in batches split by guardian address ({@code NurseryService.mailingBatches}): for
 * any enrolments, contacts, history and alerts, on dates under mailing 1.0.0 and 1.1.0, the batches emit exactly
 * the e-mails and alerts one decision over all the facts emits.
 */
class MailingBatchesProperties {

    private static RulesEngine engine;
    private static final List<String> ADDRESSES = List.of("rosa@example.com", " Rosa@Example.com", "luis@example.cl",
            "LUIS@example.cl", "ana@example.org", "pedro@example.com", "not-an-address", "marta@example.net");

    private static synchronized RulesEngine engine() {
        if (engine == null) {
            engine = Regla.builder().bundledRules().build();
        }
        return engine;
    }

    @AfterContainer
    static void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    @Property(tries = 60)
    void batchesDecideTheSameMailAsOneDecision(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                               @ForAll @IntRange(min = 1, max = 40) int enrollmentCount,
                                               @ForAll @IntRange(min = 1, max = 12) int batchSize) {
        Random random = new Random(seed);
        // 2023-01-31 .. 2023-03-31: mailing 1.0.0 (weekly survey) until 2023-02-08, then 1.1.0
        LocalDate today = LocalDate.of(2023, 1, 31).plusDays(random.nextInt(60));
        List<Enrollment> enrollments = new ArrayList<>();
        Map<String, Adaptation> adaptations = new LinkedHashMap<>();
        List<EmailSent> history = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        EnrollmentStatus[] statuses = EnrollmentStatus.values();
        for (int i = 1; i <= enrollmentCount; i++) {
            String id = String.format("E%03d", i);
            String to = random.nextInt(20) == 0 ? null : ADDRESSES.get(random.nextInt(ADDRESSES.size()));
            enrollments.add(new Enrollment(id, "child " + i, "C1", "guardian " + i, to, today.minusDays(30),
                    today.plusDays(random.nextInt(20) - 10), statuses[random.nextInt(statuses.length)]));
            if (random.nextBoolean()) {
                LocalDate start = today.plusDays(random.nextInt(30) - 20);
                adaptations.put(id, new Adaptation(id, start, start.plusDays(6)));
            }
            if (random.nextInt(4) == 0) {
                alerts.add(new Alert("AUDIENCIA_INVALIDA", id, "earlier"));
            }
            for (int h = random.nextInt(3); h > 0; h--) {
                String template = List.of("BIENVENIDA", "RECORDATORIO_ADAPTACION", "ENCUESTA_ADAPTACION").get(random.nextInt(3));
                String key = switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> MailKeys.welcome(id);
                    case 2 -> MailKeys.surveyAfterAdaptation(id);
                    default -> MailKeys.reminder(id, today.plusDays(random.nextInt(10)));
                };
                // sometimes recorded to another address than the enrolment's current one
                String recipient = random.nextInt(3) == 0 ? ADDRESSES.get(random.nextInt(ADDRESSES.size())) : to;
                history.add(new EmailSent(id, template, recipient,
                        today.minusDays(random.nextInt(10)).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC), key));
            }
        }
        List<MailingContact> contacts = new ArrayList<>();
        for (String address : ADDRESSES) {
            if (random.nextBoolean()) {
                contacts.add(new MailingContact(address.trim().toUpperCase(java.util.Locale.ROOT),
                        ContactStatus.values()[random.nextInt(ContactStatus.values().length)]));
            }
        }
        DecideOptions options = DecideOptions.builder()
                .asOf(today.atTime(7, 0).atZone(ZoneId.of("America/Santiago")).toInstant()).tracing(false).build();

        List<Object> all = new ArrayList<>(enrollments);
        all.addAll(adaptations.values());
        all.addAll(contacts);
        all.addAll(history);
        all.addAll(alerts);
        Decision one = engine().decide(NurseryService.MAILING, all, options);

        List<SendEmail> batchedMail = new ArrayList<>();
        List<Alert> batchedAlerts = new ArrayList<>();
        for (Decision d : engine().decideAll(NurseryService.MAILING,
                NurseryService.mailingBatches(enrollments, adaptations, contacts, history, alerts, batchSize), options)) {
            batchedMail.addAll(d.actions(SendEmail.class));
            batchedAlerts.addAll(d.actions(Alert.class));
        }

        assertThat(sorted(batchedMail)).isEqualTo(sorted(one.actions(SendEmail.class)));
        assertThat(sorted(batchedAlerts)).isEqualTo(sorted(one.actions(Alert.class)));
    }

    private static <T> List<T> sorted(List<T> items) {
        return items.stream().sorted(Comparator.comparing(Object::toString)).toList();
    }
}
