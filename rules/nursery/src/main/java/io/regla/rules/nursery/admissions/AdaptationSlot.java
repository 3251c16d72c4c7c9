package io.regla.rules.nursery.admissions;

import java.time.LocalDate;

/**
 * One unit of a campus's daily adaptation capacity: the adaptation of {@code enrollmentId} starts at {@code campusId}
 * on {@code startsOn} and holds this unit; {@code enrollmentId} is null when the unit was released (the adaptation
 * moved to another day or the enrolment was cancelled). Stored under {@code <campusId>#<startsOn>#unit-<nnn>},
 * unit 0 to capacity - 1, so that:
 * <ul>
 *   <li>the capacity check of a {@code ScheduleAdaptation} reads only that campus's slots of that day;</li>
 *   <li>two directors booking the last free unit of a day at the same moment write the same row: the store's
 *       unique insert (or compare-and-set on a released unit) lets one win, the other decides again and gets
 *       {@code CAPACITY_FULL}.</li>
 * </ul>
 * Slots written before units existed are stored under {@code <campusId>#<startsOn>#<enrollmentId>}: still read
 * (the rules count their adaptations), released like the others, never taken again.
 */
public record AdaptationSlot(String campusId, LocalDate startsOn, String enrollmentId) {

    static final String UNIT = "unit-";

    static String unitId(String campusId, LocalDate day, int unit) {
        return dayPrefix(campusId, day) + UNIT + String.format("%03d", unit);
    }

    /** The unit number of a store id, or -1 for a slot stored before units. */
    static int unitOf(String storeId) {
        int hash = storeId.lastIndexOf('#');
        String tail = storeId.substring(hash + 1);
        if (!tail.startsWith(UNIT) || tail.length() != UNIT.length() + 3) {
            return -1;
        }
        try {
            return Integer.parseInt(tail.substring(UNIT.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String dayPrefix(String campusId, LocalDate day) {
        return campusId + "#" + day + "#";
    }

    AdaptationSlot released() {
        return new AdaptationSlot(campusId, startsOn, null);
    }
}
