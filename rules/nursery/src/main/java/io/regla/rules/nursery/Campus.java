package io.regla.rules.nursery;

/**
 * A site of the network (jardín infantil / sala cuna).
 *
 * @param dailyAdaptationCapacity how many adaptations may start on one day at this campus
 * @param adaptationDays          working days an adaptation lasts; absent ({@code null}) or 0 means the default, 5
 *                                (boxed so that records read from YAML, JSON or CSV may leave it out)
 */
public record Campus(String id, String name, int dailyAdaptationCapacity, Integer adaptationDays) {

    public static final int DEFAULT_ADAPTATION_DAYS = 5;

    public Campus {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("Campus.id is required");
        if (dailyAdaptationCapacity < 0) {
            throw new IllegalArgumentException("Campus " + id + ": dailyAdaptationCapacity must not be negative");
        }
        if (adaptationDays == null || adaptationDays == 0) adaptationDays = DEFAULT_ADAPTATION_DAYS;
        if (adaptationDays < 0) throw new IllegalArgumentException("Campus " + id + ": adaptationDays must not be negative");
    }

    /** A campus whose adaptations last the default {@value #DEFAULT_ADAPTATION_DAYS} working days. */
    public Campus(String id, String name, int dailyAdaptationCapacity) {
        this(id, name, dailyAdaptationCapacity, DEFAULT_ADAPTATION_DAYS);
    }
}
