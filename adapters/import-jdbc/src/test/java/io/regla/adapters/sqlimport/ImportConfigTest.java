package io.regla.adapters.sqlimport;

import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Enrollment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportConfigTest {

    @TempDir
    Path dir;

    Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("import.yaml"), yaml);
    }

    @Test
    void readsSourceRecordsAndWindowWithThePasswordFromTheEnvironment() throws IOException {
        ImportConfig c = ImportConfig.load(file("""
                source: {url: "jdbc:h2:mem:x", user: u, passwordEnv: PW}
                welcomeWindowDays: 45
                records:
                  - {type: Enrollment, query: "SELECT 1"}
                  - {type: MailingContact, query: "SELECT 2"}
                """), Map.of("PW", "s3cret"));
        assertThat(c.password()).isEqualTo("s3cret");
        assertThat(c.welcomeWindow()).isEqualTo(Period.ofDays(45));
        assertThat(c.records()).extracting(ImportConfig.RecordQuery::type).containsExactly(Enrollment.class, MailingContact.class);
        assertThat(c.records().get(1).id().apply(new MailingContact(" Ana@Example.com", io.regla.rules.mailing.ContactStatus.SUBSCRIBED))).isEqualTo("ana@example.com");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void mistakesNameTheFileAndTheField() throws IOException {
        assertThatThrownBy(() -> ImportConfig.load(file("source: {url: x}\n"), Map.of()))
                .hasMessageContaining("import.yaml").hasMessageContaining("records");
        assertThatThrownBy(() -> ImportConfig.load(file("source: {user: u}\nrecords: [{type: Campus, query: q}]\n"), Map.of()))
                .hasMessageContaining("import.yaml: source.url is required");
        assertThatThrownBy(() -> ImportConfig.load(file("source: {url: x}\nrecords: [{type: Campus}]\n"), Map.of()))
                .hasMessageContaining("records[0].query is required");
        assertThatThrownBy(() -> ImportConfig.load(file("source: {url: x}\nrecords: [{type: Nope, query: q}]\n"), Map.of()))
                .hasMessageContaining("records[0].type 'Nope'");
        assertThatThrownBy(() -> ImportConfig.load(file("source: {url: x, passwordEnv: MISSING}\nrecords: [{type: Campus, query: q}]\n"), Map.of()))
                .hasMessageContaining("MISSING");
        assertThatThrownBy(() -> ImportConfig.load(file("sauce: {url: x}\nrecords: [{type: Campus, query: q}]\n"), Map.of()))
                .hasMessageContaining("unknown field 'sauce'");
    }
}
