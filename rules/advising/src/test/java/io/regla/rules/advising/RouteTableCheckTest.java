package io.regla.rules.advising;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableCheckTest {

    private static final String HEADER = """
            RuleSet,rules.advising
            Import,io.regla.rules.advising.FacultyRoute
            ,
            RuleTable FacultyRoutes,
            ACTION,
            ,
            "insert(new FacultyRoute(""$1"", ""$2"", ""$3""));",
            "Faculty, advisor e-mail, advisor name",
            """;
    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    private static List<Advisor> owners() throws IOException {
        return RouteTableCheck.readOwners(read("src/test/resources/advising/owners.csv"), "owners.csv");
    }

    @Test
    void bundledTableIsCleanAgainstTheCatalogueAndTheCrm() throws IOException {
        RouteTable table = RouteTable.parse(read("advising/1.0.0/faculty-routes.csv"), "faculty-routes.csv");
        assertThat(table.rows()).hasSize(13);
        assertThat(table.rows().get(0)).isEqualTo(new RouteTable.Row(10, "JURISPRUDENCIA", "valentina.rubiano@example.edu.co", "Valentina Rubiano"));
        List<TableFinding> findings = new RouteTableCheck()
                .owners(owners(), "owners.csv")
                .catalogue(RouteTableCheck.readCatalogue(read("advising/faculties.csv")), "faculties.csv")
                .age(Instant.parse("2026-07-01T05:00:00Z"), BOGOTA, Instant.parse("2026-11-23T12:00:00Z"))
                .check(table);
        assertThat(findings).isEmpty();
    }

    @Test
    void theSeedsDriftIsAnErrorOnItsRow() throws IOException {
        // The seed's branch says VALENTINA RUBIANO, but the owner the workflow sets is Duván Albarracín.
        String csv = HEADER + """
                "JURISPRUDENCIA, duvan.albarracin@example.edu.co, VALENTINA RUBIANO",
                "*, duvan.albarracin@example.edu.co, Duván Albarracín",
                """;
        List<TableFinding> findings = new RouteTableCheck().owners(owners(), "HubSpot").check(RouteTable.parse(csv, "t.csv"));
        assertThat(findings).hasSize(1);
        TableFinding f = findings.get(0);
        assertThat(f.isError()).isTrue();
        assertThat(f.code()).isEqualTo("NAME_DRIFT");
        assertThat(f.line()).isEqualTo(9);
        assertThat(f.message()).contains("VALENTINA RUBIANO", "Duván Albarracín", "900");
    }

    @Test
    void namesCompareLikeFacultiesIgnoringCaseAndAccents() throws IOException {
        String csv = HEADER + "\"JURISPRUDENCIA, valentina.rubiano@example.edu.co, VALENTINA RUBIANO\",\n"
                + "\"ECONOMIA, Laura.Mejia@example.edu.co,  laura mejia \",\n"
                + "\"*, duvan.albarracin@example.edu.co, Duvan Albarracin\",\n";
        assertThat(new RouteTableCheck().owners(owners(), "HubSpot").check(RouteTable.parse(csv, "t.csv"))).isEmpty();
    }

    @Test
    void duplicatesConflictsUnknownAdvisorsGapsAndMalformedRowsWithRowNumbers() throws IOException {
        String csv = HEADER + """
                "JURISPRUDENCIA, valentina.rubiano@example.edu.co, Valentina Rubiano",
                "jurisprudéncia , valentina.rubiano@example.edu.co, Valentina Rubiano",
                "Jurisprudencia, laura.mejia@example.edu.co, Laura Mejía",
                "TEOLOGÍA, nadie@example.edu.co, Nadie",
                "ECONOMÍA, laura.mejia@example.edu.co",
                "ECONOMÍA, not-an-email, X",
                """;
        List<TableFinding> findings = new RouteTableCheck()
                .owners(owners(), "HubSpot")
                .catalogue(List.of(new RouteTableCheck.CatalogueEntry(2, "Jurisprudencia"),
                        new RouteTableCheck.CatalogueEntry(3, "Economía")), "faculties.csv")
                .check(RouteTable.parse(csv, "t.csv"));
        assertThat(findings).extracting(f -> f.file() + ":" + f.line() + " " + f.severity() + " " + f.code()).containsExactly(
                "t.csv:0 WARNING NO_FALLBACK",
                "t.csv:10 WARNING DUPLICATE_FACULTY",
                "t.csv:11 ERROR ADVISOR_CONFLICT",
                "t.csv:12 ERROR UNKNOWN_ADVISOR",
                "t.csv:12 WARNING NOT_IN_CATALOGUE",
                "t.csv:13 ERROR MALFORMED_ROW",
                "t.csv:14 ERROR MALFORMED_ROW",
                "faculties.csv:3 ERROR MISSING_ROUTE");
    }

    @Test
    void aTableOlderThanOneSemesterIsAWarning() {
        String csv = HEADER + "\"*, duvan.albarracin@example.edu.co, Duván Albarracín\",\n";
        RouteTable table = RouteTable.parse(csv, "t.csv");
        Instant from = Instant.parse("2026-01-01T05:00:00Z");
        assertThat(new RouteTableCheck().age(from, BOGOTA, Instant.parse("2026-06-30T12:00:00Z")).check(table)).isEmpty();
        List<TableFinding> late = new RouteTableCheck().age(from, BOGOTA, Instant.parse("2026-07-02T12:00:00Z")).check(table);
        assertThat(late).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("STALE_TABLE");
            assertThat(f.isError()).isFalse();
        });
    }

    @Test
    void escapedCommasAndQuotedCellsSurviveAndAFileWithoutTableIsReported() {
        String csv = HEADER + "\"CIENCIA POLÍTICA\\, GOBIERNO, paula.ortiz@example.edu.co, Paula Ortiz\",\n";
        assertThat(RouteTable.parse(csv, "t.csv").rows()).singleElement()
                .satisfies(r -> assertThat(r.faculty()).isEqualTo("CIENCIA POLÍTICA, GOBIERNO"));
        assertThat(RouteTable.parse("faculty,advisor\nA,b\n", "t.csv").problems())
                .singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("NOT_A_TABLE"));
    }

    @Test
    void ownersCsvWithoutIdNamesTheFile() {
        assertThatThrownBy(() -> RouteTableCheck.readOwners("email,name\na@x.co,A\n", "owners.csv"))
                .hasMessageContaining("owners.csv:1");
        assertThatThrownBy(() -> RouteTableCheck.readOwners("id,email\n1,a@x.co\n,b@x.co\n", "owners.csv"))
                .hasMessageContaining("owners.csv:3");
    }
}
