package io.regla.adapters.http.service;

import io.regla.adapters.http.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.regla.adapters.http.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;




import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver), run by
 * {@code mvn -B verify -Pbrowser -pl adapters/http -am -Dtest='*BrowserIT'}: each role signs in, lands on
 * {@code /service} and sees exactly its charts, drawn by ECharts; the filter changes the data. Screenshots in
 * {@code target/screenshots/service-*.png}.
 */
class ServicePagesBrowserIT {

    static final Path SHOTS = Path.of("target", "screenshots");
    static ServiceApp app;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        app = new ServiceApp();
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(1400, 1500);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        app.close();
    }

    /** The whole page: the window grows to the page's height first (ECharts redraws on the resize). */
    static void screenshot(String name) throws Exception {
        Number height = (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1400, Math.min(height.intValue() + 140, 4000)));
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve("service-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Clicks and waits until the browser has left the page (a form's submission and its redirect). */
    static void click(String id) {
        HeadlessChromium.clickAndWait(browser, id, Duration.ofSeconds(20));
    }

    static void signIn(String user) {
        browser.get(app.server.uri() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        click("sign-in");
    }

    static Set<Integer> chartsShown() {
        return browser.findElements(By.cssSelector("[data-chart]")).stream()
                .map(e -> Integer.parseInt(e.getAttribute("id").substring("chart-".length())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every chart on the page was drawn: ECharts put a canvas with pixels into it. */
    static void assertDrawn() {
        Object errors = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('[data-chart]')).filter(function (el) {"
                        + " var c = el.querySelector('canvas'); return el.getAttribute('data-drawn') !== 'true' || !c || c.width < 100;"
                        + "}).map(function (el) { return el.id; });");
        assertThat((List<?>) errors).as("charts not drawn").isEmpty();
    }

    @Test
    void eachRoleSeesExactlyItsChartsAndTheFilterChangesTheData() throws Exception {
        Map<String, String> users = Map.of("MANAGER", "manager", "SUPERVISOR", "supervisor", "SALES_DIRECTOR", "sales_director",
                "ANALYST", "analyst", "SYSTEM_ADMIN", "system_admin");
        for (var role : ServiceApiTest.TABLE.entrySet()) {
            signIn(users.get(role.getKey()));
            assertThat(browser.getCurrentUrl()).as(role.getKey()).endsWith("/service");
            assertThat(chartsShown()).as(role.getKey()).isEqualTo(new TreeSet<>(role.getValue()));
            assertThat(browser.findElements(By.cssSelector(".chart-title"))).allSatisfy(t -> assertThat(t.getText()).isNotBlank());
            assertDrawn();
            assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo(ServiceFixture.TODAY.minusDays(29).toString());
            assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo(ServiceFixture.TODAY.toString());
            assertThat(browser.findElement(By.id("granularity")).getAttribute("value")).isEqualTo("WEEK");
            assertThat(browser.findElement(By.id("defaults")).getText()).contains("últimos 30 días").contains("semana");
            boolean alerts = role.getKey().equals("SUPERVISOR") || role.getKey().equals("SYSTEM_ADMIN");
            assertThat(browser.findElements(By.id("alerts"))).as(role.getKey() + " alerts").hasSize(alerts ? 1 : 0);
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(ServiceFixture.CUSTOMER_PREFIX);
            screenshot(role.getKey().toLowerCase());
            click("logout");
        }

        // the filter: 70 days by month counts the six older conversations too (and the two sales among them)
        signIn("manager");
        String before = browser.findElement(By.id("totals-3")).getText();
        assertThat(before).contains("Conversaciones: " + ServiceFixture.RECENT);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').value = arguments[0];"
                + "document.getElementById('granularity').value = 'MONTH';", ServiceFixture.TODAY.minusDays(70).toString());
        click("apply");
        assertThat(browser.getCurrentUrl()).contains("granularity=MONTH");
        assertThat(browser.findElement(By.id("granularity")).getAttribute("value")).isEqualTo("MONTH");
        assertThat(browser.findElement(By.id("totals-3")).getText()).contains("Conversaciones: " + (ServiceFixture.RECENT + 6))
                .contains("Con venta: " + (ServiceFixture.recentWithSale() + 2));
        assertDrawn();
        Object periods = ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('chart-8')).getOption().xAxis[0].data.length;");
        assertThat(((Number) periods).intValue()).as("chart 8 by month over 70 days").isBetween(3, 4);
        screenshot("manager-filtered");
        click("logout");
    }
}
