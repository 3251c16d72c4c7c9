package io.regla.cli.quality;

import io.regla.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import io.regla.core.facts.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class QualityCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Path contracts(Path dir, boolean clean) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("patients.contract.yaml"), """
                dataset: patients
                source: {csv: patients.csv}
                key: [patientId]
                fields:
                  patientId: {type: string, required: true}
                  name:      {type: string, required: true, personal: true}
                  email:     {type: string, format: email}
                """);
        Files.writeString(dir.resolve("admissions.contract.yaml"), """
                dataset: admissions
                source: {csv: admissions.csv}
                key: admissionId
                fields:
                  admissionId:  {type: string, required: true, pattern: "^A[0-9]{6}$"}
                  patientId:    {type: string, required: true, references: patients.patientId}
                  admittedAt:   {type: datetime, required: true}
                  dischargedAt: {type: datetime}
                  age:          {type: integer, min: 0, max: 120}
                """);
        Files.writeString(dir.resolve("patients.csv"), "patientId,name,email\nP1,Ana García,"
                + (clean ? "ana@example.com" : "ana.garcia@example") + "\nP2,Bruno Díaz,\n");
        Files.writeString(dir.resolve("admissions.csv"), "admissionId,patientId,admittedAt,dischargedAt,age\n"
                + "A000001,P1,2026-02-01T08:00:00Z,2026-02-02T08:00:00Z,40\n"
                + (clean ? "A000002,P2,2026-02-01T08:00:00Z,,30\n"
                : "A000002,P9,2026-02-01T08:00:00Z,2026-01-31T08:00:00Z,130\nA000002,P2,2026-02-01T08:00:00Z,,30\n"));
        return dir;
    }

    @Test
    void checkPrintsRecordsAndFindingsPerCheckAndExitsOneOnErrors(@TempDir Path dir) throws IOException {
        CliRun r = run("quality", "check", contracts(dir, false).toString(), "--bundled-rules", "--at", "2026-03-01T00:00:00Z");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("patients: 2 records, 1 findings (1 ERROR, 0 WARNING)")
                .contains("admissions: 3 records, 4 findings").containsPattern("ORPHAN_REFERENCE\\s+1")
                .containsPattern("DISCHARGE_BEFORE_ADMISSION\\s+1").containsPattern("DUPLICATE_KEY\\s+1");
    }

    @Test
    void jsonHasTheIssueShape(@TempDir Path dir) throws IOException {
        CliRun r = run("quality", "check", contracts(dir, false).toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = Json.JSON.readTree(r.out());
        JsonNode admissions = root.get("datasets").get(1);
        assertThat(admissions.get("dataset").asText()).isEqualTo("admissions");
        assertThat(admissions.get("records").asLong()).isEqualTo(3);
        assertThat(admissions.get("findings").get("ORPHAN_REFERENCE").asLong()).isEqualTo(1);
        assertThat(admissions.get("findings").get("RANGE").asLong()).isEqualTo(1);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("dataset", "record", "key", "field", "check", "severity", "message");
        assertThat(r.out()).doesNotContain("ana.garcia").contains("a***@example");
    }

    @Test
    void cleanDataExitsZero(@TempDir Path dir) throws IOException {
        CliRun r = run("quality", "check", contracts(dir, true).toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void aBadContractExitsTwoWithOneLineNamingFileLineAndKey(@TempDir Path dir) throws IOException {
        contracts(dir, true);
        Files.writeString(dir.resolve("admissions.contract.yaml"),
                Files.readString(dir.resolve("admissions.contract.yaml")).replace("references: patients.patientId", "references: people.id"));
        CliRun r = run("quality", "check", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("regla: admissions.contract.yaml:6: fields.patientId.references: dataset 'people'")
                .doesNotContain("\n");
    }

    @Test
    void reportRecordAndHistory(@TempDir Path dir) throws IOException {
        Path contracts = contracts(dir.resolve("c"), false);
        Path db = dir.resolve("store/regla");
        Path report = dir.resolve("report");
        assertThat(run("quality", "check", contracts.toString(), "--record", "--db", db.toString(), "--at", "2026-03-01T00:00:00Z").exit()).isEqualTo(1);
        contracts(contracts, true);
        CliRun second = run("quality", "check", contracts.toString(), "--record", "--db", db.toString(), "--at", "2026-03-08T00:00:00Z",
                "--report", report.toString());
        assertThat(second.exit()).as(second.err()).isZero();

        CliRun history = run("quality", "history", "admissions", "--db", db.toString());
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("History of admissions (2 runs)").contains("2026-03-01T00:00:00Z")
                .contains("2026-03-08T00:00:00Z").contains("(better)");
        JsonNode json = Json.JSON.readTree(run("quality", "history", "admissions", "--db", db.toString(), "--format", "json").out());
        assertThat(json.get("runs")).hasSize(2);
        assertThat(json.get("runs").get(0).get("findings").get("RANGE").asLong()).isEqualTo(1);

        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("<svg").contains("<polyline").contains("Perfil").doesNotContain("<script src").doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(Files.readAllLines(report.resolve("findings.csv"))).first().isEqualTo("dataset,record,key,field,check,severity,message");
        assertThat(run("quality", "history", "nothing", "--db", db.toString()).exit()).isEqualTo(2);
    }

    @Test
    void reconcileAFolderAgainstACopy(@TempDir Path dir) throws IOException {
        Path source = contracts(dir.resolve("s"), true);
        Path target = Files.createDirectories(dir.resolve("t"));
        Files.copy(source.resolve("patients.csv"), target.resolve("patients.csv"));
        Files.writeString(target.resolve("admissions.csv"), "admissionId,patientId,admittedAt,dischargedAt,age\n"
                + "A000001,P1,2026-02-01T05:00:00-03:00,2026-02-02T08:00:00Z,41\n");
        CliRun r = run("quality", "reconcile", source.toString(), "--target", target.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode a = Json.JSON.readTree(r.out()).get("datasets").get(0);
        assertThat(a.get("dataset").asText()).isEqualTo("admissions");
        assertThat(a.get("missing").toString()).isEqualTo("[\"A000002\"]");
        assertThat(a.get("changed").toString()).isEqualTo("[{\"key\":\"A000001\",\"fields\":[\"age\"]}]");
        assertThat(a.get("source").get("sums").get("age").asText()).isEqualTo("70");
        Files.copy(source.resolve("admissions.csv"), target.resolve("admissions.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(run("quality", "reconcile", source.toString(), "--target", target.toString()).exit()).isZero();
    }
}
