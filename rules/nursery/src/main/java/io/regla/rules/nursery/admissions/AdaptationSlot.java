package io.regla.rules.nursery.admissions;

import java.time.LocalDate;

/**
 * An index fact: the adaptation of {@code enrollmentId} starts at {@code campusId} on {@code startsOn}. Stored under
 * {@code <campusId>#<startsOn>#<enrollmentId>} so that the capacity check of a {@code ScheduleAdaptation} reads
 * only that campus's adaptations of that day, not every adaptation in the store.
 */
public record AdaptationSlot(String campusId, LocalDate startsOn, String enrollmentId) {

    String storeId() {
        return dayPrefix(campusId, startsOn) + enrollmentId;
    }

    static String dayPrefix(String campusId, LocalDate day) {
        return campusId + "#" + day + "#";
    }
}
