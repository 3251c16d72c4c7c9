package io.regla.store.tck;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A fact with the value kinds stores must round-trip: text, dates, instants, enums, numbers, maps, lists. */
public record TestChild(String id, String name, LocalDate born, Instant seenAt, Stage stage, int siblings,
                        Map<String, String> tags, List<String> notes) {

    public enum Stage { ENROLLED, ADAPTED }

    public TestChild renamed(String newName) {
        return new TestChild(id, newName, born, seenAt, stage, siblings, tags, notes);
    }

    public static TestChild of(String id, String name) {
        return new TestChild(id, name, LocalDate.of(2022, 3, 14), Instant.parse("2023-02-01T09:30:00Z"),
                Stage.ENROLLED, 1, Map.of("campus", "norte"), List.of("alergia: ninguna"));
    }
}
