package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.crm.HubSpotCrm.PropertyChange;
import io.regla.rules.advising.FacultyChange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey's "from" of a webhook event (which names the new value only) is the faculty the property's history had
 * just before the event's change, whatever changes came after it and whatever the milliseconds between the event's
 * time and the history's.
 */
class FacultyHistoryProperties {

    private static final List<String> FACULTIES = List.of("JURISPRUDENCIA", "ECONOMÍA", "MEDICINA", "CIENCIAS HUMANAS", "ADMINISTRACIÓN");
    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    @Property(tries = 300)
    void theValueBeforeTheEventsChangeIsTheOneBeforeItInTheHistory(@ForAll @IntRange(min = 2, max = 12) int length,
                                                                   @ForAll @IntRange(min = 1, max = 11) int changed,
                                                                   @ForAll @IntRange(min = -900, max = 900) int skewMillis) {
        int k = Math.min(changed, length - 1);
        // Oldest first, each value a different faculty from the one before, an hour apart; then newest first, as read.
        List<PropertyChange> history = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            history.add(0, new PropertyChange(FACULTIES.get(i % FACULTIES.size()), START.plusSeconds(3600L * i), "CRM_UI", "userId:1", "1"));
        }
        PropertyChange event = history.get(length - 1 - k);
        FacultyChange change = new FacultyChange("501", null, event.value().toLowerCase(), "userId:1",
                event.timestamp().plusMillis(skewMillis));

        assertThat(FacultyChanges.previous(history, change)).isEqualTo(history.get(length - k).value());
    }

    @Property(tries = 100)
    void aChangeTheHistoryDoesNotShowHasNoPreviousValue(@ForAll @IntRange(min = 0, max = 5) int length) {
        List<PropertyChange> history = new ArrayList<>();
        for (int i = 0; i < length; i++) history.add(0, new PropertyChange("JURISPRUDENCIA", START.plusSeconds(i), "FORM", null, null));

        assertThat(FacultyChanges.previous(history, new FacultyChange("501", null, "TEOLOGÍA", "IMPORT", START.plusSeconds(10)))).isNull();
        assertThat(FacultyChanges.previous(null, new FacultyChange("501", null, "TEOLOGÍA", "IMPORT", null))).isNull();
    }
}
