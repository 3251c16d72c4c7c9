package io.regla.examples.vitamina;

import io.regla.adapters.mailchimp.metrics.TemplateWeekMetrics;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.api.spi.OutboxStatus;
import io.regla.api.spi.Store;
import io.regla.rules.mailing.EmailSent;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.Interview;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the semester came to, read back from the store at the end.
 *
 * @param medianDaysToInterview      median calendar days from enrolment to the interview that was held
 * @param medianDaysToAdaptation     median calendar days from enrolment to the adaptation's first day
 * @param adaptedWithinFiveDays      of the adapted children, the share whose adaptation ended within 5 working days
 *                                   of their start date ({@code startsOn}), i.e. adapted on time
 * @param statuses                   enrolments per final status
 * @param rejections                 rule rejections per code
 * @param alerts                     alerts per code
 * @param mailsByTemplate            {@code EmailSent} per template
 * @param outbox                     outbox entries left not sent, per status (up to 1,000 each)
 * @param openRate                   per template: unique opens ÷ (sent − bounces), over the semester
 * @param clickRate                  per template: unique clicks ÷ (sent − bounces)
 */
public record SemesterKpis(int enrollments, int commands, int dailyRuns, double medianDaysToInterview,
                           double medianDaysToAdaptation, double adaptedWithinFiveDays,
                           Map<EnrollmentStatus, Integer> statuses, Map<String, Integer> rejections,
                           Map<String, Integer> alerts, Map<String, Integer> mailsByTemplate,
                           Map<OutboxStatus, Integer> outbox, Map<String, Double> openRate, Map<String, Double> clickRate,
                           Timings took) {

    /** Wall-clock time of the whole simulation and of its three kinds of work. */
    public record Timings(Duration total, Duration dailyRuns, Duration commands, Duration dispatch) {
    }

    static SemesterKpis measure(VitaminaSimulation.Config config, Store store, DeliveryEventLog events, Calendar calendar,
                                Map<String, Integer> rejections, Map<String, Integer> alerts, int commands, int dailyRuns,
                                Timings took) {
        var facts = store.facts();
        Map<String, Enrollment> enrollments = facts.listAll(Enrollment.class).stream()
                .collect(Collectors.toMap(Enrollment::id, Function.identity()));
        List<Long> toInterview = new ArrayList<>();
        for (Interview i : facts.listAll(Interview.class)) {
            Enrollment e = enrollments.get(i.enrollmentId());
            if (Boolean.TRUE.equals(i.attended()) && e != null) {
                toInterview.add(ChronoUnit.DAYS.between(e.enrolledOn(), i.dateIn(VitaminaSimulation.Config.ZONE)));
            }
        }
        List<Long> toAdaptation = new ArrayList<>();
        int adapted = 0;
        int onTime = 0;
        for (Adaptation a : facts.listAll(Adaptation.class)) {
            Enrollment e = enrollments.get(a.enrollmentId());
            if (e == null || e.status() == EnrollmentStatus.CANCELLED) {
                continue;
            }
            toAdaptation.add(ChronoUnit.DAYS.between(e.enrolledOn(), a.startsOn()));
            if (e.status() == EnrollmentStatus.ADAPTED) {
                adapted++;
                LocalDate fifth = calendar.plusWorkingDays(e.startsOn(), 4);
                if (!a.endsOn().isAfter(fifth)) {
                    onTime++;
                }
            }
        }
        Map<EnrollmentStatus, Integer> statuses = new EnumMap<>(EnrollmentStatus.class);
        enrollments.values().forEach(e -> statuses.merge(e.status(), 1, Integer::sum));
        Map<String, Integer> mails = new TreeMap<>();
        facts.listAll(EmailSent.class).forEach(s -> mails.merge(s.template(), 1, Integer::sum));
        Map<OutboxStatus, Integer> outbox = new EnumMap<>(OutboxStatus.class);
        for (OutboxStatus s : OutboxStatus.values()) {
            if (s == OutboxStatus.SENT) {
                continue;   // those are the EmailSent above; the rest is what is left over (should be nothing)
            }
            int n = store.outbox().list(s, 1000).size();
            if (n > 0) {
                outbox.put(s, n);
            }
        }
        Map<String, long[]> totals = new TreeMap<>();
        for (TemplateWeekMetrics m : events.metrics()) {
            long[] t = totals.computeIfAbsent(m.template(), k -> new long[3]);
            t[0] += m.delivered();
            t[1] += m.uniqueOpens();
            t[2] += m.uniqueClicks();
        }
        Map<String, Double> openRate = new TreeMap<>();
        Map<String, Double> clickRate = new TreeMap<>();
        totals.forEach((template, t) -> {
            openRate.put(template, t[0] == 0 ? 0 : (double) t[1] / t[0]);
            clickRate.put(template, t[0] == 0 ? 0 : (double) t[2] / t[0]);
        });
        return new SemesterKpis(enrollments.size(), commands, dailyRuns, median(toInterview), median(toAdaptation),
                adapted == 0 ? 0 : (double) onTime / adapted, statuses, new TreeMap<>(rejections), new TreeMap<>(alerts), mails,
                outbox, openRate, clickRate, took);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double median(List<Long> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "enrolments %d, director commands %d, daily runs %d, simulated in %.1f s "
                        + "(daily runs %.1f s, commands %.1f s, outbox dispatch %.1f s)%n", enrollments, commands, dailyRuns,
                seconds(took.total()), seconds(took.dailyRuns()), seconds(took.commands()), seconds(took.dispatch())));
        out.append(String.format(Locale.ROOT, "median days enrolment -> interview held:       %.1f%n", medianDaysToInterview));
        out.append(String.format(Locale.ROOT, "median days enrolment -> adaptation start:     %.1f%n", medianDaysToAdaptation));
        out.append(String.format(Locale.ROOT, "adapted within 5 working days of start date:   %.1f %%%n", 100 * adaptedWithinFiveDays));
        out.append("enrolments by status:   ").append(statuses).append('\n');
        out.append("rejections by code:     ").append(rejections).append('\n');
        out.append("alerts by code:         ").append(alerts).append('\n');
        out.append("mails sent by template: ").append(mailsByTemplate).append('\n');
        out.append("outbox entries not sent: ").append(outbox).append('\n');
        out.append(String.format(Locale.ROOT, "%-26s %9s %10s%n", "template", "open_rate", "click_rate"));
        openRate.forEach((t, r) -> out.append(String.format(Locale.ROOT, "%-26s %8.1f%% %9.1f%%%n", t, 100 * r,
                100 * clickRate.get(t))));
        return out.toString();
    }
}
