package io.regla.rules.nursery.admissions;

import io.regla.api.PersonalData;
import io.regla.api.action.Alert;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.StoredFact;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.Interview;
import io.regla.rules.scheduling.Transition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one command writes, gathered before anything is written so that it goes to the store in one
 * transaction: the enrolment (compare-and-set on the version read), its journey steps, interview, adaptation and
 * capacity slots, and the alerts. Ids that number entries of one instant (journey steps, alerts) are chosen by
 * reading what the store holds under that instant; a concurrent writer of the same id fails the transaction, and
 * the command is decided again.
 */
final class CommandWrites {

    private final NurseryRecords records;
    private final Instant at;
    private final List<FactWrite> writes = new ArrayList<>();
    /** Next free number per id prefix of this instant. */
    private final Map<String, Integer> next = new HashMap<>();

    CommandWrites(NurseryRecords records, Instant at) {
        this.records = records;
        this.at = at;
    }

    List<FactWrite> facts() {
        return List.copyOf(writes);
    }

    void transition(StoredFact<Enrollment> read, Enrollment after, List<Transition> transitions) {
        writes.add(FactWrite.replace(read.id(), after, read.version()));
        for (Transition t : transitions) {
            JourneyStep step = JourneyStep.of(t, at);
            String prefix = JourneyStep.prefix(t.enrollmentId()) + String.format("%015d#", at.toEpochMilli());
            writes.add(new FactWrite(prefix + String.format("%03d", number(JourneyStep.class, prefix)), step, 0L));
        }
    }

    void interview(Interview interview) {
        writes.add(new FactWrite(interview.enrollmentId(), interview));
    }

    /**
     * The adaptation, and its capacity slot: released on the day it left, taken on the day it starts.
     *
     * @param newDay the slots of the new start day as read before the decision (null: read them now)
     */
    void adaptation(String campusId, Optional<Adaptation> before, Adaptation after, DaySlots newDay) {
        writes.add(new FactWrite(after.enrollmentId(), after));
        if (before.isPresent() && !before.get().startsOn().equals(after.startsOn())) {
            release(campusId, before.get());
        }
        DaySlots day = newDay != null && newDay.day().equals(after.startsOn()) ? newDay
                : DaySlots.read(records, campusId, after.startsOn());
        day.take(after.enrollmentId()).ifPresent(writes::add);
    }

    /** Frees the capacity unit an adaptation holds (a cancelled enrolment, a moved adaptation). */
    void release(String campusId, Adaptation adaptation) {
        writes.addAll(DaySlots.read(records, campusId, adaptation.startsOn()).release(adaptation.enrollmentId()));
    }

    /** The alerts with their messages masked (they are shown and logged), as they will be stored. */
    List<Alert> alerts(List<Alert> alerts) {
        List<Alert> stored = new ArrayList<>();
        for (Alert a : alerts) {
            Alert masked = new Alert(a.code(), a.subjectId(), PersonalData.maskEmailsIn(a.message()));
            String prefix = (a.subjectId() == null ? "-" : a.subjectId()) + "#" + a.code() + "#"
                    + String.format("%015d#", at.toEpochMilli());
            writes.add(new FactWrite(prefix + String.format("%03d", number(Alert.class, prefix)), masked, 0L));
            stored.add(masked);
        }
        return stored;
    }

    private int number(Class<? extends Record> type, String prefix) {
        int n = next.computeIfAbsent(type.getSimpleName() + "\n" + prefix, k -> firstFree(type, prefix));
        next.put(type.getSimpleName() + "\n" + prefix, n + 1);
        return n;
    }

    /** One past the highest number stored under the prefix (ids are {@code <prefix><nnn>}, listed in order). */
    private int firstFree(Class<? extends Record> type, String prefix) {
        List<? extends StoredFact<?>> stored = records.facts().list(type, prefix, null, 1000);
        if (stored.isEmpty()) {
            return 0;
        }
        String last = stored.get(stored.size() - 1).id().substring(prefix.length());
        try {
            return Integer.parseInt(last) + 1;
        } catch (NumberFormatException e) {
            return stored.size();
        }
    }
}
