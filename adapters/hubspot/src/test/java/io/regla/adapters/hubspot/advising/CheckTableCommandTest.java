package io.regla.adapters.hubspot.advising;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class CheckTableCommandTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ReglaCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @AfterEach
    void reset() {
        CheckTableCommand.hubspotConfig = HubSpotConfig::fromEnvironment;
    }

    private static final String OWNERS = "src/test/resources/owners.csv";

    @Test
    void theBundledTableIsCleanAgainstTheOwnersCsvAndTheBundledCatalogue() {
        int code = run("check-table", "advising", "--owners", OWNERS, "--at", "2026-11-23T12:00:00Z");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("advising 1.0.0: 13 routes", "0 error(s), 0 warning(s)");
    }

    @Test
    void version110InheritsTheTableAndChecksCleanFromItsEffectiveDate() {
        int code = run("check-table", "advising", "--owners", OWNERS, "--at", "2026-12-10T12:00:00Z");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("advising 1.1.0: 13 routes", "0 error(s), 0 warning(s)");
        // 1.1.0 has no table of its own: the rows named are those of 1.0.0's file
        assertThat(out.toString()).contains("routes in rules/advising/advising/1.0.0/faculty-routes.csv").doesNotContain("1.1.0/faculty-routes");
    }

    @Test
    void aTableOlderThanOneSemesterOnlyWarns() {
        int code = run("check-table", "advising", "--version", "1.0.0", "--owners", OWNERS, "--at", "2027-01-15T12:00:00-05:00");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("WARNING STALE_TABLE", "0 error(s), 1 warning(s)");
    }

    @Test
    void theSeedsDriftAndOtherProblemsAreErrorsWithRowNumbers(@TempDir Path rules) throws IOException {
        Path v = Files.createDirectories(rules.resolve("advising/2.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: advising\nversion: 2.0.0\neffectiveFrom: 2027-01-15\ntimeZone: America/Bogota\n");
        Files.writeString(v.resolve("faculty-routes.csv"), """
                RuleSet,rules.advising
                Import,io.regla.rules.advising.FacultyRoute
                ,
                RuleTable FacultyRoutes,
                ACTION,
                ,
                "insert(new FacultyRoute(""$1"", ""$2"", ""$3""));",
                "Faculty, advisor e-mail, advisor name",
                "JURISPRUDENCIA, duvan.albarracin@example.edu.co, VALENTINA RUBIANO",
                "Economía, laura.mejia@example.edu.co, Laura Mejía",
                "ECONOMIA , camilo.herrera@example.edu.co, Camilo Herrera",
                "INGENIERÍA, felipe.gomez@example.edu.co, Felipe Gómez",
                "*, duvan.albarracin@example.edu.co, Duván Albarracín",
                """);
        Path catalogue = rules.resolve("faculties.csv");
        Files.writeString(catalogue, "faculty\nJurisprudencia\nEconomía\nIngeniería\nEducación\n");

        int code = run("check-table", "advising", "--rules", rules.toString(), "--owners", OWNERS, "--catalogue", catalogue.toString(),
                "--at", "2027-02-01T00:00:00Z");

        assertThat(code).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("advising 2.0.0: 5 routes")
                .containsPattern("faculty-routes.csv:9: ERROR NAME_DRIFT .*VALENTINA RUBIANO.*Duván Albarracín")
                .containsPattern("faculty-routes.csv:11: ERROR ADVISOR_CONFLICT .*row 10")
                .contains("faculties.csv:5: ERROR MISSING_ROUTE faculty 'Educación'")
                .contains("3 error(s), 0 warning(s)");
    }

    @Test
    void anXlsxTableIsCheckedWithExcelRowNumbers(@TempDir Path rules) throws IOException {
        Path v = Files.createDirectories(rules.resolve("advising/2.0.0"));
        Files.writeString(v.resolve("ruleset.yaml"), "id: advising\nversion: 2.0.0\neffectiveFrom: 2027-01-15\ntimeZone: America/Bogota\n");
        String[][] rows = {
                {"RuleSet", "rules.advising"}, {"Import", "io.regla.rules.advising.FacultyRoute"}, {}, {"RuleTable FacultyRoutes"},
                {"ACTION"}, {}, {"insert(new FacultyRoute(\"$1\", \"$2\", \"$3\"));"}, {"Faculty, advisor e-mail, advisor name"},
                {"JURISPRUDENCIA, valentina.rubiano@example.edu.co, Valentina Rubiano"},
                {"Jurisprudencia, laura.mejia@example.edu.co, Laura Mejía"},
                {"*, duvan.albarracin@example.edu.co, Duván Albarracín"}};
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(v.resolve("faculty-routes.xlsx"))) {
            var sheet = wb.createSheet("Rutas");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) row.createCell(c).setCellValue(rows[r][c]);
            }
            wb.write(out);
        }

        int code = run("check-table", "advising", "--rules", rules.toString(), "--owners", OWNERS, "--at", "2027-02-01T00:00:00Z");

        assertThat(code).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("advising 2.0.0: 3 routes")
                .containsPattern("faculty-routes.xlsx:10: ERROR ADVISOR_CONFLICT .*row 9");
    }

    @Test
    void ownersCanComeFromHubSpot() {
        hubspot.stubFor(get(urlEqualTo("/crm/v3/owners/?limit=100&archived=false")).willReturn(okJson("""
                {"results":[{"id":"101","email":"valentina.rubiano@example.edu.co","firstName":"Valentina","lastName":"Rubiano"}]}""")));
        CheckTableCommand.hubspotConfig = () -> HubSpotConfig.of("pat-test").withBaseUri(URI.create(hubspot.baseUrl()));

        int code = run("check-table", "advising", "--hubspot", "--at", "2026-11-23T12:00:00Z");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("faculty-routes.csv:11: ERROR UNKNOWN_ADVISOR andres.castano@example.edu.co")
                .doesNotContain("UNKNOWN_ADVISOR valentina").contains("12 error(s)");
    }

    @Test
    void anUnknownVersionIsAUsageError() {
        assertThat(run("check-table", "advising", "--version", "9.9.9")).isEqualTo(ReglaCli.USAGE);
        assertThat(out.toString()).contains("advising has no version 9.9.9");
    }
}
