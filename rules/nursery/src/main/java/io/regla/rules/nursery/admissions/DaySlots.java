package io.regla.rules.nursery.admissions;

import io.regla.api.spi.FactWrite;
import io.regla.api.spi.StoredFact;
import io.regla.rules.nursery.Adaptation;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The capacity slots of one campus and day as read before a decision, with the adaptation and enrolment holding
 * each. A slot is <em>live</em> when the rules count it (its enrolment is not cancelled and its adaptation still
 * starts that day); the others (released, or left behind) are free units.
 *
 * <p>Why this serialises booking: the unit a command takes is the lowest one not live in what it read, and it is
 * written conditioned on the version read (insert if new, compare-and-set if released). Two commands that read the
 * same day pick the same unit, so the store lets only one of them write it; the other decides again on the new
 * state. Since the rules accept only when fewer than capacity slots are live, the lowest free unit is below the
 * capacity: units are unique and bounded by the capacity, so live adaptations never exceed it.
 */
final class DaySlots {

    private record Held(StoredFact<AdaptationSlot> slot, Adaptation adaptation, Enrollment enrollment) {
        boolean live() {
            return slot.value().enrollmentId() != null && adaptation != null && enrollment != null
                    && enrollment.status() != EnrollmentStatus.CANCELLED;
        }
    }

    private final String campusId;
    private final LocalDate day;
    private final List<Held> slots;

    private DaySlots(String campusId, LocalDate day, List<Held> slots) {
        this.campusId = campusId;
        this.day = day;
        this.slots = slots;
    }

    static DaySlots read(NurseryRecords records, String campusId, LocalDate day) {
        List<Held> held = new ArrayList<>();
        for (StoredFact<AdaptationSlot> slot : records.slotsOn(campusId, day)) {
            String holder = slot.value().enrollmentId();
            Adaptation adaptation = holder == null ? null
                    : records.adaptation(holder).filter(a -> a.startsOn().equals(day)).orElse(null);
            Enrollment enrollment = holder == null ? null
                    : records.enrollment(holder).map(StoredFact::value).orElse(null);
            held.add(new Held(slot, adaptation, enrollment));
        }
        return new DaySlots(campusId, day, held);
    }

    LocalDate day() {
        return day;
    }

    /** The live adaptations of the day with their enrolments, except {@code enrollmentId}'s: what the capacity rule counts. */
    List<Object> facts(String exceptEnrollmentId) {
        List<Object> out = new ArrayList<>();
        for (Held h : slots) {
            if (h.live() && !h.enrollment.id().equals(exceptEnrollmentId)) {
                out.add(h.adaptation);
                out.add(h.enrollment);
            }
        }
        return out;
    }

    /** The write that takes a unit for {@code enrollmentId}, or empty if it already holds one this day. */
    Optional<FactWrite> take(String enrollmentId) {
        Set<Integer> taken = new HashSet<>();
        for (Held h : slots) {
            if (enrollmentId.equals(h.slot.value().enrollmentId())) {
                return Optional.empty();
            }
            if (h.live()) {
                taken.add(AdaptationSlot.unitOf(h.slot.id()));
            }
        }
        int unit = 0;
        while (taken.contains(unit)) {
            unit++;
        }
        String id = AdaptationSlot.unitId(campusId, day, unit);
        AdaptationSlot slot = new AdaptationSlot(campusId, day, enrollmentId);
        for (Held h : slots) {
            if (h.slot.id().equals(id)) {
                return Optional.of(FactWrite.replace(id, slot, h.slot.version()));
            }
        }
        return Optional.of(FactWrite.insert(id, slot));
    }

    /** The writes that release every unit {@code enrollmentId} holds this day (compare-and-set on what was read). */
    List<FactWrite> release(String enrollmentId) {
        List<FactWrite> writes = new ArrayList<>();
        for (Held h : slots) {
            if (enrollmentId.equals(h.slot.value().enrollmentId())) {
                writes.add(FactWrite.replace(h.slot.id(), h.slot.value().released(), h.slot.version()));
            }
        }
        return writes;
    }
}
