package io.regla.examples.rosario;

import io.regla.examples.DemoPart;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class RosarioDemoTest {

    @Test
    void routesFiveHundredDealsAndTheRerunChangesNothing() throws Exception {
        assertThat(DemoPart.all()).anyMatch(p -> p instanceof RosarioDemo);
        StringWriter text = new StringWriter();
        new RosarioDemo().run(new PrintWriter(text, true));
        String out = text.toString();
        System.out.print(out);
        assertThat(out).contains("sync 1: 500 deals", "Valentina Rubiano", "ASESOR_DESCONOCIDO", "FACULTAD_SIN_ASESOR",
                "Deal sin Facultad Asociada")
                .contains("sync 2 over the same 500 deals: 0 owner changes, 0 e-mails queued, 0 notices queued "
                        + "(HubSpot saw 0 new owner updates, 0 new tasks, 0 new e-mails)")
                .contains("FACULTADES_EN_CONFLICTO", "notices sent (internal e-mail to the deal owner)")
                .containsPattern("contact \\d+ changes faculty [^:]+ -> ECONOMÍA: [1-9]\\d* owner changes")
                .containsPattern("journey: FACULTAD CONTACT \\d+ .+ -> ECONOMÍA by userId:4242")
                .containsPattern("journey: PROPIETARIO CONTACT \\d+ .+ -> Laura Mejía by regla advising 1.1.0")
                .containsPattern("journey: PROPIETARIO DEAL \\d+ .+ -> Laura Mejía by regla advising 1.1.0")
                .doesNotContain("diego.moreno@");
    }
}
