package io.regla.adapters.eml;

import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmlMailerTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2023-02-06T09:00:00Z"), ZoneOffset.UTC);

    private EmlMailer mailer() {
        return new EmlMailer(dir.resolve("outbox"), "Escuelas Infantiles Vitamina", "hola@vitamina.example", clock);
    }

    private static OutgoingEmail welcome(String key) {
        return new OutgoingEmail(key, "BIENVENIDA", "ana.garcia@example.com", "e-17",
                Map.of("NOMBRE_NINO", "Lucía", "CENTRO", "Vitamina Centro", "NOTA", "línea uno\nlínea = dos"));
    }

    @Test
    void writesAnRfc822MessageAMailParserReadsBack() throws Exception {
        SendResult result = mailer().send(welcome("BIENVENIDA:e-17"));

        assertThat(result).isEqualTo(new SendResult(SendResult.Status.ACCEPTED, "BIENVENIDA%3Ae-17.eml", "written"));
        ParsedEml eml = ParsedEml.read(dir.resolve("outbox/BIENVENIDA%3Ae-17.eml"));
        assertThat(eml.headers()).containsEntry("To", "<ana.garcia@example.com>")
                .containsEntry("From", "Escuelas Infantiles Vitamina <hola@vitamina.example>")
                .containsEntry("Subject", "BIENVENIDA")
                .containsEntry("Date", "Mon, 6 Feb 2023 09:00:00 GMT")
                .containsEntry("MIME-Version", "1.0")
                .containsEntry("X-Regla-Key", "BIENVENIDA:e-17")
                .containsEntry("X-Regla-Template", "BIENVENIDA")
                .containsEntry("X-Regla-Subject-Id", "e-17");
        assertThat(eml.headers().get("Message-ID")).matches("<[0-9a-f]{32}@regla.eml>");
        assertThat(eml.body()).isEqualTo("Plantilla: BIENVENIDA\r\nCENTRO: Vitamina Centro\r\nNOMBRE_NINO: Lucía\r\n"
                + "NOTA: línea uno\r\nlínea = dos\r\n");
        String raw = Files.readString(dir.resolve("outbox/BIENVENIDA%3Ae-17.eml"), StandardCharsets.UTF_8);
        assertThat(raw).contains("\r\n\r\n").doesNotContain("Lucía");
        assertThat(raw.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void anEmailWithItsOwnSubjectInTheSubjectMergeFieldCarriesThatSubject() throws Exception {
        // advising's internal notice: template "Aviso interno", subject and body in the merge fields
        mailer().send(new OutgoingEmail("AVISO-CORREO:1002", "Aviso interno", "coordinacion@example.edu.co", "1002",
                Map.of("subject", "Deal sin Facultad Asociada [Curso de Gerencia]", "body", "Asigne la facultad")));

        ParsedEml eml = ParsedEml.read(dir.resolve("outbox/AVISO-CORREO%3A1002.eml"));
        assertThat(eml.headers()).containsEntry("Subject", "Deal sin Facultad Asociada [Curso de Gerencia]")
                .containsEntry("X-Regla-Template", "Aviso interno");
        assertThat(EmlMailer.subject(new OutgoingEmail("k", "T", "a@b.example", null, Map.of("subject", " "))))
                .as("a blank subject field falls back to the template").isEqualTo("T");
    }

    @Test
    void aResendOfTheSameKeyWritesNothingNew() throws Exception {
        EmlMailer mailer = mailer();
        SendResult first = mailer.send(welcome("BIENVENIDA:e-17"));
        Path file = mailer.fileFor("BIENVENIDA:e-17");
        String before = Files.readString(file);

        EmlMailer later = new EmlMailer(dir.resolve("outbox"), "Otro", "otro@vitamina.example", Clock.systemUTC());
        SendResult again = later.send(new OutgoingEmail("BIENVENIDA:e-17", "BIENVENIDA", "otra@example.com", "e-17", Map.of()));

        assertThat(again.providerId()).isEqualTo(first.providerId());
        assertThat(again.accepted()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            assertThat(files).containsExactly(file);
        }
        assertThat(mailer.idempotent()).isTrue();
    }

    @Test
    void lookupFindsTheFileOfAKeyAndNothingElse() {
        EmlMailer mailer = mailer();
        assertThat(mailer.lookup("BIENVENIDA:e-17")).isEmpty();

        mailer.send(welcome("BIENVENIDA:e-17"));

        assertThat(mailer.lookup("BIENVENIDA:e-17")).contains(new SendResult(SendResult.Status.ACCEPTED, "BIENVENIDA%3Ae-17.eml", "written"));
        assertThat(mailer.lookup("BIENVENIDA:e-18")).isEmpty();
    }

    @Test
    void keysCannotLeaveTheDirectoryNorInjectHeaders() throws Exception {
        EmlMailer mailer = mailer();
        String hostile = "../../etc/passwd\r\nBcc: evil@example.com";

        mailer.send(welcome(hostile));

        Path file = mailer.fileFor(hostile);
        assertThat(file.getParent()).isEqualTo(dir.resolve("outbox"));
        assertThat(file.getFileName().toString()).startsWith("%2E.");
        ParsedEml eml = ParsedEml.read(file);
        assertThat(eml.headerNames()).doesNotContain("Bcc");
        assertThat(eml.headers()).containsEntry("X-Regla-Key", hostile);
    }

    @Test
    void longNonAsciiValuesAreEncodedAndFolded() throws Exception {
        String subject = "ñ".repeat(200) + "-fin";
        EmlMailer mailer = mailer();
        mailer.send(new OutgoingEmail("k-" + "x".repeat(400), "ENCUESTA_ADAPTACIÓN", "ana.garcia@example.com", subject, Map.of()));

        Path file = mailer.fileFor("k-" + "x".repeat(400));
        assertThat(file.getFileName().toString().length()).isLessThan(255);
        ParsedEml eml = ParsedEml.read(file);
        assertThat(eml.headers()).containsEntry("X-Regla-Subject-Id", subject).containsEntry("Subject", "ENCUESTA_ADAPTACIÓN");
    }

    @Test
    void anInvalidRecipientIsRejectedWithoutAFile() throws Exception {
        EmlMailer mailer = mailer();
        for (String to : List.of("no-es-un-email", "ana@example.com\r\nBcc: x@example.com", "dos@@example.com")) {
            SendResult r = mailer.send(new OutgoingEmail("k-" + to.hashCode(), "BIENVENIDA", to, "e-1", Map.of()));
            assertThat(r).isEqualTo(new SendResult(SendResult.Status.REJECTED, null, "invalid"));
        }
        assertThat(Files.exists(dir.resolve("outbox")) ? Files.list(dir.resolve("outbox")).count() : 0).isZero();
    }

    @Test
    void aBadSenderIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new EmlMailer(dir, "x", "not an address", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an address");
    }
}
