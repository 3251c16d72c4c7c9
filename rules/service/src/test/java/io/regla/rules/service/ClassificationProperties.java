package io.regla.rules.service;

import io.regla.core.testing.RuleSetModuleTests;
import io.regla.rules.service.importing.Classification;
import io.regla.rules.service.importing.ServiceImport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The `service` rule set classifies every conversation exactly once, and successful means a sale. */
class ClassificationProperties {

    @Property(tries = 200)
    void everyConversationGetsExactlyOneStatusAndSuccessMeansASale(@ForAll("conversations") List<Conversation> conversations) {
        List<Classification> verdicts = ServiceImport.classify(RuleSetModuleTests.moduleEngine(), conversations,
                Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(verdicts).hasSameSizeAs(conversations);
        for (int i = 0; i < conversations.size(); i++) {
            Conversation c = conversations.get(i);
            Classification v = verdicts.get(i);
            boolean sale = "GENERO_VENTA".equals(c.result()) || c.sales() > 0;
            assertThat(v.successful()).as(c.toString()).isEqualTo(sale);
            assertThat(v.customerStatus()).as(c.toString()).isNotNull();
            if (sale) assertThat(v.customerStatus()).isEqualTo(CustomerStatus.CONVERTIDO);
            else if (!"RESUELTA".equals(c.status()) || "ESCALADA".equals(c.result())) assertThat(v.customerStatus()).isEqualTo(CustomerStatus.EN_SEGUIMIENTO);
            else if ("INACTIVO".equals(c.customerStatusAfter())) assertThat(v.customerStatus()).isEqualTo(CustomerStatus.NO_INTERESADO);
        }
    }

    @Provide
    Arbitrary<List<Conversation>> conversations() {
        Arbitrary<String> status = Arbitraries.of("ACTIVA", "RESUELTA", "ESCALADA");
        Arbitrary<String> result = Arbitraries.of("GENERO_VENTA", "ESCALADA", "CERRADA_SIN_SOLUCION").injectNull(0.2);
        Arbitrary<String> after = Arbitraries.of("INTERESADO", "CLIENTE_CON_VENTA", "INACTIVO").injectNull(0.2);
        Arbitrary<Integer> sales = Arbitraries.integers().between(0, 2);
        Arbitrary<Conversation> one = Combinators.combine(Arbitraries.strings().alpha().ofLength(8), status, result, after, sales)
                .as((id, s, r, a, n) -> new Conversation(id, "K-" + id, Instant.parse("2026-02-01T10:00:00Z"), null, s,
                        "WhatsApp", "A1", r, a, n));
        return one.list().ofMinSize(1).ofMaxSize(30).uniqueElements(Conversation::id);
    }
}
