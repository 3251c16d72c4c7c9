package io.regla.adapters.http;

import io.regla.adapters.eml.EmlMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.core.outbox.OutboxDispatcher;
import io.regla.rules.nursery.admissions.SentRecordingMailer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;



import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The director's and the administrator's pages in headless Chromium (Debian's chromium and chromium-driver):
 * run by {@code mvn -B verify -Pbrowser -pl adapters/http -am}; screenshots of every page go to
 * {@code target/screenshots/}.
 */
class NurseryPagesBrowserIT {

    static final Path SHOTS = Path.of("target", "screenshots");
    static JdbcStore store;
    static TestApp app;
    static OutboxDispatcher dispatcher;
    static WebDriver browser;
    static int shot;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path mail) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, TestApp.CLOCK);
        app = new TestApp(store, Duration.ofSeconds(30));
        dispatcher = EmailDispatcher.builder(store.outbox(), new SentRecordingMailer(
                        new EmlMailer(mail, "Vitamina", "no-reply@vitamina.invalid", TestApp.CLOCK), store.facts(), store.outbox(), TestApp.CLOCK))
                .clock(TestApp.CLOCK).owner("browser-test").build();
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(1280, 1000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        app.close();
        store.close();
    }

    static void open(String path) {
        browser.get(app.server.uri() + path);
    }

    static void screenshot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), StandardCopyOption.REPLACE_EXISTING);
    }

    static void signIn(String user, String password) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        click("sign-in");
    }

    /** Clicks and waits until the browser has left the page (a form post and its redirect). */
    static void click(String id) {
        HeadlessChromium.clickAndWait(browser, id, Duration.ofSeconds(15));
    }

    static void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
    }

    static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    @Test
    void a_director_schedules_an_interview_and_an_adaptation_and_an_admin_adds_a_director() throws Exception {
        open("/ui/campuses/C1");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        screenshot("login");
        signIn("dir1", "wrong password!");
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("incorrectos");
        signIn("dir1", TestApp.PASSWORD);

        // her campus only: C1's enrolments, counts by status, no link to the other campus
        assertThat(browser.getCurrentUrl()).endsWith("/ui/campuses/C1");
        assertThat(browser.findElement(By.id("campus-name")).getText()).isEqualTo("Vitamina Providencia");
        assertThat(browser.findElements(By.cssSelector("tr.enrollment-row"))).hasSize(4);
        assertThat(text()).doesNotContain("F1").doesNotContain("Vitamina Ñuñoa");
        screenshot("campus");
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof htmx")).as("htmx loaded").isEqualTo("object");
        browser.findElement(By.id("q")).sendKeys("carolina e2");
        try {
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("tr.enrollment-row")).size() == 1);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("search did not narrow the rows: " + browser.findElement(By.id("rows")).getAttribute("innerHTML")
                    + " / log: " + browser.manage().logs().get("browser").getAll(), e);
        }
        assertThat(browser.findElement(By.id("rows")).getText()).contains("E2");
        screenshot("search");
        open("/ui/campuses/C2");
        assertThat(text()).contains("No tiene acceso");

        // the interview, then a holiday refused, then the adaptation
        open("/ui/enrollments/E1");
        screenshot("enrollment");
        setValue("at", "2023-03-01T10:00");   // today, later than the clock: its result can be recorded today
        click("schedule-interview");
        assertThat(browser.findElement(By.id("ok")).getText()).contains("Entrevista agendada");
        click("attended");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Entrevistado");
        setValue("startsOn", "2023-04-07");   // Good Friday, a holiday in the rules' calendar
        click("schedule-adaptation");
        WebElement rejection = browser.findElement(By.cssSelector(".rejection"));
        assertThat(rejection.getText()).contains("no es hábil").contains("NON_WORKING_DAY");
        assertThat(browser.findElements(By.cssSelector(".free-day"))).isNotEmpty();
        screenshot("holiday-rejected");
        browser.findElements(By.cssSelector(".free-day")).get(0).click();   // the first free working day from the child's start
        assertThat(browser.findElement(By.id("startsOn")).getAttribute("value")).isEqualTo("2023-03-06");
        click("schedule-adaptation");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Adaptación agendada");

        // the family's mail: sent by the outbox dispatcher, then on the enrolment and the campus's mail page
        dispatcher.dispatchDue();
        open("/ui/enrollments/E1");
        assertThat(browser.findElement(By.id("emails")).getText()).contains("RECORDATORIO_ADAPTACION").contains("e1@example.com");
        assertThat(browser.findElement(By.id("journey")).getText()).contains("dir1");
        screenshot("enrollment-scheduled");
        open("/ui/campuses/C1/calendar");
        assertThat(browser.findElement(By.cssSelector("tr[data-date='2023-03-06']")).getText()).contains("1");
        screenshot("calendar");
        open("/ui/campuses/C1/mail");
        assertThat(browser.findElement(By.id("sent")).getText()).contains("RECORDATORIO_ADAPTACION");
        screenshot("mail");
        click("logout");
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        // the administrator adds a director for C2, who then signs in to C2
        signIn("admin", TestApp.PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/ui/admin");
        browser.findElement(By.id("new-username")).sendKeys("directora.nunoa");
        browser.findElement(By.id("campus-C2")).click();
        browser.findElement(By.id("new-password")).sendKeys("una clave larga");
        click("create-user");
        assertThat(browser.findElement(By.id("ok")).getText()).contains("Usuario creado");
        assertThat(browser.findElement(By.id("users")).getText()).contains("directora.nunoa").contains("C2");
        screenshot("admin");
        click("logout");
        signIn("directora.nunoa", "una clave larga");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/campuses/C2");
        assertThat(text()).contains("F1").doesNotContain("E1");
        screenshot("new-director");
    }
}
