package io.regla.adapters.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.http.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's API over a real H2 store filled by the import: issue 12's role table (every role × chart, JSON and
 * CSV), 401/403/400, the JSON shape and totals, the default window, the two-year cut-off, the alerts per role, and
 * no customer name (nor, for the system administrator, any sales figure) in any answer.
 */
class ServiceApiTest {

    /** Issue 12's table, written out again here (not read from ServiceRoles): the test's oracle. */
    static final Map<String, Set<Integer>> TABLE = Map.of(
            "MANAGER", Set.of(1, 2, 3, 4, 5, 6, 7, 8),
            "SUPERVISOR", Set.of(1, 2, 7),
            "SALES_DIRECTOR", Set.of(1, 3, 4, 5, 6, 8),
            "ANALYST", Set.of(1, 2, 3, 4, 5, 6, 7, 8),
            "SYSTEM_ADMIN", Set.of(7));

    static ServiceApp app;
    static final Map<String, TestApp.Caller> callers = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        app = new ServiceApp();
        assertThat(app.imported.rejections()).as("the fixture imports cleanly").isEmpty();
        for (String user : ServiceApp.USERS.keySet()) {
            callers.put(ServiceApp.USERS.get(user), app.signedIn(user));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyRoleSeesExactlyItsChartsAndOnlyTheAnalystExportsCsv() throws Exception {
        List<String> seen = new ArrayList<>();
        for (var role : TABLE.entrySet()) {
            TestApp.Caller c = callers.get(role.getKey());
            for (int n = 1; n <= 8; n++) {
                boolean allowed = role.getValue().contains(n);
                TestApp.Answer json = c.call("GET", "/service/charts/" + n, null);
                assertThat(json.status()).as(role.getKey() + " chart " + n).isEqualTo(allowed ? 200 : 403);
                if (allowed) {
                    assertThat(json.json().get("chart").asInt()).isEqualTo(n);
                    seen.add(json.body());
                } else {
                    assertThat(json.code()).isEqualTo("FORBIDDEN");
                }
                TestApp.Answer csv = c.call("GET", "/service/charts/" + n + ".csv", null);
                boolean exports = allowed && role.getKey().equals("ANALYST");
                assertThat(csv.status()).as(role.getKey() + " chart " + n + ".csv").isEqualTo(exports ? 200 : 403);
                if (exports) {
                    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
                    assertThat(csv.body()).startsWith("series,x,y\r\n");
                    seen.add(csv.body());
                }
            }
        }
        // the platform's ADMIN is not a dashboard role
        assertThat(callers.get("ADMIN").call("GET", "/service/charts/7", null).status()).isEqualTo(403);
        assertThat(callers.get("ADMIN").call("GET", "/service", null).status()).isEqualTo(403);
        assertThat(callers.get("ADMIN").call("GET", "/service/alerts", null).status()).isEqualTo(403);
        assertThat(seen).allSatisfy(body -> assertThat(body).doesNotContain(ServiceFixture.CUSTOMER_PREFIX));
    }

    @Test
    void withoutSignInEverythingIs401AndThePageSendsToTheSignIn() throws Exception {
        for (String path : List.of("/service/charts/1", "/service/charts/1.csv", "/service/alerts")) {
            TestApp.Answer a = app.anonymous.call("GET", path, null);
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.code()).isEqualTo("UNAUTHENTICATED");
        }
        TestApp.Answer page = app.anonymous.call("GET", "/service", null);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        // a client asking for JSON gets the 401 itself on the page too (a browser asks for text/html: the sign-in page)
        TestApp.Answer json = app.anonymous.call("GET", "/service", null, "Accept", "application/json");
        assertThat(json.status()).isEqualTo(401);
        assertThat(json.code()).isEqualTo("UNAUTHENTICATED");
        TestApp.Answer browser = app.anonymous.call("GET", "/service", null, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(browser.status()).isEqualTo(303);
    }

    @Test
    void badDatesGranularitiesAndChartNumbersAre400NamingTheParameter() throws Exception {
        TestApp.Caller manager = callers.get("MANAGER");
        Map<String, String> bad = Map.of(
                "/service/charts/1?from=2026-02-30", "from",
                "/service/charts/1?to=yesterday", "to",
                "/service/charts/1?granularity=YEAR", "granularity",
                "/service/charts/1?from=2026-03-10&to=2026-03-01", "from",
                "/service/charts/uno", "n",
                "/service/charts/2.csv?granularity=hour", "granularity");
        for (var e : bad.entrySet()) {
            TestApp.Answer a = (e.getKey().contains(".csv") ? callers.get("ANALYST") : manager).call("GET", e.getKey(), null);
            assertThat(a.status()).as(e.getKey()).isEqualTo(400);
            assertThat(a.json().at("/error/code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(a.json().at("/error/field").asText()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(a.json().at("/error/message").asText()).isNotBlank();
        }
    }

    @Test
    void aChartNumberOutsideOneToEightIs404ForEveryRoleJsonOrCsv() throws Exception {
        for (String role : TABLE.keySet()) {
            for (String path : List.of("/service/charts/0", "/service/charts/9", "/service/charts/9.csv", "/service/charts/-1")) {
                TestApp.Answer a = callers.get(role).call("GET", path, null);
                assertThat(a.status()).as(role + " " + path).isEqualTo(404);
                assertThat(a.code()).isEqualTo("NOT_FOUND");
                assertThat(a.json().at("/error/message").asText()).contains("1 to 8");
            }
        }
    }

    @Test
    void theDefaultWindowIsTheThirtyDaysEndingTodayByWeekWithTheIssuesTotals() throws Exception {
        TestApp.Caller manager = callers.get("MANAGER");
        JsonNode c3 = manager.call("GET", "/service/charts/3", null).json();
        assertThat(c3.get("title").asText()).isEqualTo("Conversaciones que resultaron en ventas");
        assertThat(c3.get("from").asText()).isEqualTo(ServiceFixture.TODAY.minusDays(29).toString());
        assertThat(c3.get("to").asText()).isEqualTo(ServiceFixture.TODAY.toString());
        assertThat(c3.get("granularity").asText()).isEqualTo("WEEK");
        List<String> fields = new ArrayList<>();
        c3.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("chart", "title", "from", "to", "granularity", "totals", "series");
        assertThat(c3.at("/totals/conversations").asInt()).isEqualTo(ServiceFixture.RECENT);
        assertThat(c3.at("/totals/withSale").asInt()).isEqualTo(ServiceFixture.recentWithSale());
        assertThat(c3.at("/totals/conversionRate").asDouble()).isEqualTo(0.25);
        assertThat(c3.at("/series/0/kind").asText()).isEqualTo("pie");

        JsonNode c1 = manager.call("GET", "/service/charts/1", null).json();
        assertThat(c1.at("/totals/conversations").asInt()).isEqualTo(ServiceFixture.RECENT);
        assertThat(c1.at("/totals/successful").asInt()).isEqualTo(ServiceFixture.recentWithSale());
        JsonNode c4 = manager.call("GET", "/service/charts/4", null).json();
        assertThat(c4.at("/totals/revenue").asDouble()).isEqualTo(ServiceFixture.recentRevenue());
        assertThat(c4.at("/series/0/kind").asText()).isEqualTo("hbar");
    }

    @Test
    void aWiderWindowCountsMoreButNeverWhatIsOlderThanTwoYears() throws Exception {
        TestApp.Caller manager = callers.get("MANAGER");
        LocalDate today = ServiceFixture.TODAY;
        JsonNode wide = manager.call("GET", "/service/charts/3?from=" + today.minusDays(70) + "&to=" + today + "&granularity=MONTH", null).json();
        assertThat(wide.get("granularity").asText()).isEqualTo("MONTH");
        assertThat(wide.at("/totals/conversations").asInt()).isEqualTo(ServiceFixture.RECENT + 6);
        assertThat(wide.at("/totals/withSale").asInt()).isEqualTo(ServiceFixture.recentWithSale() + 2);   // days 40 and 60
        JsonNode all = manager.call("GET", "/service/charts/3?from=" + today.minusYears(4) + "&to=" + today, null).json();
        assertThat(all.at("/totals/conversations").asInt()).as("three-year-old conversations never count")
                .isEqualTo(ServiceFixture.RECENT + 6);
        JsonNode day = manager.call("GET", "/service/charts/7?granularity=DAY", null).json();
        assertThat(day.get("granularity").asText()).isEqualTo("DAY");
    }

    @Test
    void theAnalystsCsvCarriesTheSameNumbersAsTheJsonWithoutCustomerNames() throws Exception {
        TestApp.Caller analyst = callers.get("ANALYST");
        String query = "?from=" + ServiceFixture.TODAY.minusDays(70) + "&to=" + ServiceFixture.TODAY + "&granularity=WEEK";
        JsonNode json = analyst.call("GET", "/service/charts/1" + query, null).json();
        TestApp.Answer csv = analyst.call("GET", "/service/charts/1.csv" + query, null);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .contains("grafica-1_" + ServiceFixture.TODAY.minusDays(70) + "_" + ServiceFixture.TODAY + "_WEEK.csv");
        List<List<String>> rows = ChartCsvProperties.parse(csv.body());
        int points = 0;
        for (JsonNode s : json.get("series")) {
            for (JsonNode p : s.get("points")) {
                points++;
                assertThat(rows).anySatisfy(r -> {
                    assertThat(r.get(0)).isEqualTo(s.get("name").asText());
                    assertThat(r.get(1)).isEqualTo(p.get("x").asText());
                    assertThat(Double.parseDouble(r.get(2))).isEqualTo(p.get("y").asDouble());
                });
            }
        }
        assertThat(rows).hasSize(1 + points + json.get("totals").size());
        assertThat(csv.body()).contains("Ana Pérez").doesNotContain(ServiceFixture.CUSTOMER_PREFIX);
    }

    @Test
    void noCsvExportOfAnyChartCarriesACustomerName() throws Exception {
        TestApp.Caller analyst = callers.get("ANALYST");
        for (int n = 1; n <= 8; n++) {
            for (String g : List.of("DAY", "WEEK", "MONTH")) {
                String path = "/service/charts/" + n + ".csv?from=" + ServiceFixture.TODAY.minusDays(70) + "&granularity=" + g;
                TestApp.Answer csv = analyst.call("GET", path, null);
                assertThat(csv.status()).as(path).isEqualTo(200);
                // charts aggregate per agent, channel, status or period: customer_name is never a label, masked or not
                assertThat(csv.body()).as(path).doesNotContain(ServiceFixture.CUSTOMER_PREFIX);
                assertThat(ChartCsvProperties.parse(csv.body()).size()).as(path).isGreaterThan(1);
            }
        }
    }

    @Test
    void chart7IsDailyActivityWhateverWasAsked() throws Exception {
        TestApp.Caller admin = callers.get("SYSTEM_ADMIN");
        JsonNode byDefault = admin.call("GET", "/service/charts/7", null).json();
        assertThat(byDefault.get("granularity").asText()).isEqualTo("WEEK");   // the filter's, as on every chart
        for (JsonNode s : byDefault.get("series")) {
            assertThat(s.get("points")).as(s.get("name").asText()).hasSize(30);
            assertThat(s.at("/points/0/x").asText()).isEqualTo(ServiceFixture.TODAY.minusDays(29).toString());
            assertThat(s.at("/points/29/x").asText()).isEqualTo(ServiceFixture.TODAY.toString());
        }
        for (String g : List.of("WEEK", "MONTH")) {
            JsonNode c7 = admin.call("GET", "/service/charts/7?from=" + ServiceFixture.TODAY.minusDays(70) + "&granularity=" + g, null).json();
            assertThat(c7.get("granularity").asText()).as(g).isEqualTo(g);
            assertThat(c7.at("/series/0/points")).as(g).hasSize(71);
            long started = 0;
            for (JsonNode p : c7.at("/series/0/points")) started += p.get("y").asLong();
            assertThat(started).isEqualTo(c7.at("/totals/started").asLong()).isEqualTo(ServiceFixture.RECENT + 6);
        }
    }

    @Test
    void chart6IsMonthlyWhateverWasAskedAndEchoesTheFilter() throws Exception {
        TestApp.Caller manager = callers.get("MANAGER");
        for (String g : List.of("DAY", "WEEK", "MONTH")) {
            JsonNode c6 = manager.call("GET", "/service/charts/6?from=" + ServiceFixture.TODAY.minusDays(70) + "&granularity=" + g, null).json();
            assertThat(c6.get("granularity").asText()).as(g).isEqualTo(g);
            for (JsonNode p : c6.at("/series/0/points")) assertThat(p.get("x").asText()).endsWith("-01");
        }
    }

    @Test
    void alertsGoToTheSupervisorAndTheSystemAdministratorOnly() throws Exception {
        for (String role : List.of("SUPERVISOR", "SYSTEM_ADMIN")) {
            TestApp.Answer a = callers.get(role).call("GET", "/service/alerts?from=" + ServiceFixture.TODAY.minusDays(70), null);
            assertThat(a.status()).as(role).isEqualTo(200);
            assertThat(a.json().get("audiences").toString()).isEqualTo("[\"" + role + "\"]");
            for (JsonNode alert : a.json().get("alerts")) {
                assertThat(alert.get("audience").asText()).isEqualTo(role);
                assertThat(alert.get("message").asText()).isNotBlank();
            }
            assertThat(a.body()).doesNotContain(ServiceFixture.CUSTOMER_PREFIX);
        }
        for (String role : List.of("MANAGER", "SALES_DIRECTOR", "ANALYST", "ADMIN")) {
            assertThat(callers.get(role).call("GET", "/service/alerts", null).status()).as(role).isEqualTo(403);
        }
    }

    @Test
    void theSystemAdministratorSeesNoSalesDataAnywhere() throws Exception {
        TestApp.Caller admin = callers.get("SYSTEM_ADMIN");
        String page = admin.call("GET", "/service?from=" + ServiceFixture.TODAY.minusDays(70), null, "Accept", "text/html").body();
        String chart7 = admin.call("GET", "/service/charts/7", null).body();
        String alerts = admin.call("GET", "/service/alerts", null).body();
        for (String body : List.of(page, chart7, alerts)) {
            assertThat(body.toLowerCase()).doesNotContain("revenue").doesNotContain("withsale").doesNotContain("ingresos")
                    .doesNotContain("venta").doesNotContain("plan hogar").doesNotContain("30000")
                    .doesNotContain(ServiceFixture.CUSTOMER_PREFIX.toLowerCase());
        }
        assertThat(page).contains("Actividad diaria en la plataforma").contains("id=\"users\"")
                .contains("<b id=\"stored\">" + (ServiceFixture.RECENT + 6) + "</b>");
    }

    @Test
    void thePageShowsTheRolesChartsTitlesTheFilterWithItsDefaultsAndTheAlerts() throws Exception {
        for (var role : TABLE.entrySet()) {
            String page = callers.get(role.getKey()).call("GET", "/service", null, "Accept", "text/html").body();
            for (int n = 1; n <= 8; n++) {
                assertThat(page.contains("id=\"chart-" + n + "\"")).as(role.getKey() + " chart " + n).isEqualTo(role.getValue().contains(n));
            }
            assertThat(page).contains("value=\"" + ServiceFixture.TODAY.minusDays(29) + "\"").contains("value=\"" + ServiceFixture.TODAY + "\"")
                    .contains("/webjars/echarts/5.3.1/dist/echarts.min.js")
                    .doesNotContain(ServiceFixture.CUSTOMER_PREFIX);
            assertThat(page.contains("id=\"alerts\"")).as(role.getKey() + " alerts")
                    .isEqualTo(role.getKey().equals("SUPERVISOR") || role.getKey().equals("SYSTEM_ADMIN"));
            assertThat(page.contains("Exportar CSV")).isEqualTo(role.getKey().equals("ANALYST"));
        }
        TestApp.Answer badFilter = callers.get("MANAGER").call("GET", "/service?from=2026-13-01", null, "Accept", "text/html");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body()).contains("Filtro no válido");
        TestApp.Answer echarts = app.anonymous.call("GET", "/webjars/echarts/5.3.1/dist/echarts.min.js", null);
        assertThat(echarts.status()).isEqualTo(200);
    }
}
