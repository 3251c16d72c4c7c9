package io.regla.rules.advising;

import io.regla.api.action.NotifyInternal;
import io.regla.core.testing.RuleSetModuleTests;
import io.regla.rules.advising.AdvisingDecisions.DealRouting;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the domain hands a CRM integration for one deal: owner changes per object and whether it was routed. */
class AdvisingDecisionsTest {

    private static final Instant AT = Instant.parse("2026-08-03T14:00:00Z");
    private static final List<Advisor> ADVISORS = List.of(
            new Advisor("101", "Valentina Rubiano", "valentina.rubiano@example.edu.co"),
            new Advisor("102", "Andrés Castaño", "andres.castano@example.edu.co"));
    private final AdvisingDecisions decisions = new AdvisingDecisions(RuleSetModuleTests.moduleEngine());

    @Test
    void aDealWithAFacultyMovesDealAndContactsToTheFacultysAdvisor() {
        Deal deal = new Deal("D1", "Diplomado", "Jurisprudencia", "102", List.of("C1"));
        Contact contact = new Contact("C1", "ana@example.com", "Ana", "Pérez", null, "102");
        DealRouting r = decisions.route(deal, List.of(contact), ADVISORS, AT);
        assertThat(r.dealOwners()).containsExactly(java.util.Map.entry("D1", "101"));
        assertThat(r.contactOwners()).containsExactly(java.util.Map.entry("C1", "101"));
        assertThat(r.routedTo()).isEqualTo("101");
    }

    @Test
    void anOwnerAlreadyRightChangesNothingButTheDealStillCountsAsRouted() {
        Deal deal = new Deal("D2", "Curso", "JURISPRUDENCIA", "101", List.of());
        DealRouting r = decisions.route(deal, List.of(), ADVISORS, AT);
        assertThat(r.dealOwners()).isEmpty();
        assertThat(r.routedTo()).isEqualTo("101");
    }

    @Test
    void aDealWithoutAFacultyIsNotRoutedAndItsOwnerIsNoticed() {
        Deal deal = new Deal("D3", "Sin facultad", null, "102", List.of());
        DealRouting r = decisions.route(deal, List.of(), ADVISORS, AT);
        assertThat(r.routedTo()).isNull();
        assertThat(r.dealOwners()).isEmpty();
        assertThat(r.decision().actions(NotifyInternal.class)).hasSize(1);
    }
}
