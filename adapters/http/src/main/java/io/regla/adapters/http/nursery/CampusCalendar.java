package io.regla.adapters.http.nursery;

import io.regla.api.RulesEngine;
import io.regla.api.RuleSetInfo;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.WorkingDays;
import io.regla.rules.nursery.admissions.NurseryRecords;
import io.regla.rules.nursery.admissions.NurseryService;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The days a campus can start adaptations on: working days (the effective {@code scheduling} version's holidays)
 * and how many of the day's capacity is taken. The rules decide a booking; this only helps the director pick a day
 * the rules will accept.
 */
public final class CampusCalendar {

    /** One day of a campus's calendar. */
    public record Day(LocalDate date, boolean working, int starting, int capacity) {
        public int free() {
            return Math.max(0, capacity - starting);
        }

        public String weekday() {
            return Spanish.weekday(date);
        }
    }

    private final RulesEngine engine;
    private final NurseryRecords records;
    private final Clock clock;

    CampusCalendar(RulesEngine engine, NurseryService service) {
        this.engine = engine;
        this.records = service.records();
        this.clock = service.clock();
    }

    ZoneId zone() {
        return scheduling().timeZone();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone());
    }

    /** The days from {@code from}, {@code count} of them. */
    List<Day> days(Campus campus, LocalDate from, int count) {
        Set<LocalDate> holidays = holidays();
        List<Day> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate d = from.plusDays(i);
            boolean working = WorkingDays.isWorkingDay(d, holidays);
            int starting = working ? records.adaptationsStarting(campus.id(), d, "").size() / 2 : 0;
            out.add(new Day(d, working, starting, campus.dailyAdaptationCapacity()));
        }
        return out;
    }

    /** The next {@code count} working days from {@code from} with a free adaptation slot (looking at most 60 days ahead). */
    List<Day> nextFree(Campus campus, LocalDate from, int count) {
        return days(campus, from, 60).stream().filter(d -> d.working() && d.free() > 0).limit(count).toList();
    }

    /** The holidays of the {@code scheduling} version effective today (its {@code holidays.csv}), sorted. */
    public Set<LocalDate> holidays() {
        List<RuleSetInfo> versions = new ArrayList<>(engine.registry().versions(NurseryService.SCHEDULING));
        RuleSetInfo effective = scheduling();
        versions.removeIf(v -> v.version().compareTo(effective.version()) > 0);
        versions.sort(Comparator.comparing(RuleSetInfo::version).reversed());
        for (RuleSetInfo v : versions) {   // a version that extends another may keep the calendar in its parent
            InputStream in = CampusCalendar.class.getClassLoader()
                    .getResourceAsStream("rules/" + NurseryService.SCHEDULING + "/" + v.version() + "/holidays.csv");
            if (in != null) {
                return read(in);
            }
        }
        return new TreeSet<>();
    }

    private RuleSetInfo scheduling() {
        return engine.registry().resolve(NurseryService.SCHEDULING, null, clock.instant());
    }

    private static Set<LocalDate> read(InputStream in) {
        Set<LocalDate> days = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String v = line.trim();
                if (v.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
                    days.add(LocalDate.parse(v.substring(0, 10)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return days;
    }
}
