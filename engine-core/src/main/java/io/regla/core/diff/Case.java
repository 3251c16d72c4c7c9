package io.regla.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * One independent set of facts both versions decide: a member with its transactions, an enrolment with
 * its adaptation and e-mails sent.
 *
 * @param id    how reports name it ({@code Member#M1}, or {@code orders.yaml#2})
 * @param facts the facts, in the order they are inserted
 */
public record Case(String id, List<Object> facts) {
    public Case {
        Objects.requireNonNull(id, "id");
        facts = List.copyOf(facts);
    }
}
