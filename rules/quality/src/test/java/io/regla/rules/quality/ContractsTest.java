package io.regla.rules.quality;

import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.ContractException;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.contract.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractsTest {

    @TempDir
    Path dir;

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void readsTheIssueExample() {
        Contracts c = Contracts.load(QualityCheckTest.MINI);
        Contract a = c.get("admissions");
        assertThat(a.key()).containsExactly("admissionId");
        assertThat(a.fields().get("admittedAt").type()).isEqualTo(FieldType.DATETIME);
        assertThat(a.fields().get("patientId").references().toString()).isEqualTo("patients.patientId");
        assertThat(c.get("patients").fields().get("email").personal()).as("format: email is personal by default").isTrue();
        assertThat(c.get("patients").fields().get("document").personal()).as("documents are personal by default").isTrue();
        assertThat(a.fields().get("ward").personal()).isFalse();
        assertThat(c.ordered()).extracting(Contract::dataset).containsExactly("patients", "admissions");
    }

    @Test
    void anUnknownTypeNamesFileLineAndKey() throws IOException {
        write("a.contract.yaml", """
                dataset: a
                source: {csv: a.csv}
                fields:
                  id: {type: string}
                  age: {type: int}
                """);
        assertThatThrownBy(() -> Contracts.load(dir)).isInstanceOf(ContractException.class)
                .hasMessage("a.contract.yaml:5: fields.age.type: unknown type 'int'; types: string, integer, decimal, boolean, date, datetime");
    }

    @Test
    void aPatternThatDoesNotCompileNamesFileLineAndKey() throws IOException {
        write("a.contract.yaml", """
                dataset: a
                source: {csv: a.csv}
                fields:
                  id: {type: string, pattern: "^A[0-9"}
                """);
        assertThatThrownBy(() -> Contracts.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageStartingWith("a.contract.yaml:4: fields.id.pattern: does not compile");
    }

    @Test
    void aReferenceToAMissingDatasetNamesFileLineAndKey() throws IOException {
        write("a.contract.yaml", """
                dataset: a
                source: {csv: a.csv}
                fields:
                  id: {type: string}
                  patientId:
                    type: string
                    references: patients.patientId
                """);
        assertThatThrownBy(() -> Contracts.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageStartingWith("a.contract.yaml:7: fields.patientId.references: dataset 'patients' has no contract");
    }

    @Test
    void unknownKeysAreErrorsNotIgnored() throws IOException {
        write("a.contract.yaml", """
                dataset: a
                source: {csv: a.csv}
                fields:
                  id: {type: string, requird: true}
                """);
        assertThatThrownBy(() -> Contracts.load(dir)).hasMessageStartingWith("a.contract.yaml:4: fields.id.requird: unknown key");
    }

    @Test
    void aMissingColumnNamesTheCsvFile() throws IOException {
        write("a.contract.yaml", """
                dataset: a
                source: {csv: a.csv}
                fields:
                  id: {type: string}
                  ward: {type: string}
                """);
        Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        assertThatThrownBy(() -> QualityCheck.builder(Contracts.load(dir)).build().run())
                .isInstanceOf(ContractException.class).hasMessageStartingWith("a.csv:1: column 'ward' of the contract is missing");
    }
}
