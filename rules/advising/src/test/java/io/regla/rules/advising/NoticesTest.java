package io.regla.rules.advising;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Notice keys are logged by the outbox: once per deal and subject, without the deal's name the subject carries. */
class NoticesTest {

    private static final String SUBJECT = Notices.noFacultySubject("Juan Pérez - Diplomado en Derecho Digital");

    @Test
    void keysAreOncePerDealAndSubjectAndHoldNoDealName() {
        assertThat(Notices.key("1002", SUBJECT)).startsWith("AVISO:1002:").doesNotContain("Juan", "Pérez", "Diplomado")
                .isEqualTo(Notices.key("1002", SUBJECT))
                .isNotEqualTo(Notices.key("1002", Notices.unknownFacultySubject("TEOLOGÍA")))
                .isNotEqualTo(Notices.key("1003", SUBJECT));
        assertThat(Notices.emailKey("1002", SUBJECT)).startsWith("AVISO-CORREO:1002:").doesNotContain("Juan", "Pérez", "Diplomado")
                .hasSize("AVISO-CORREO:1002:".length() + 12)
                .isNotEqualTo(Notices.emailKey("1002", Notices.unknownFacultySubject("TEOLOGÍA")));
    }
}
