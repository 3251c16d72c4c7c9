package io.regla.adapters.http;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;

/**
 * Debian's chromium and chromium-driver, headless, for the browser tests ({@code -Pbrowser}). The background-networking
 * flags keep Chromium from calling Google's hosts at every start, which this machine's closed network refuses.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static WebDriver start(int width, int height) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--lang=es-CL");
        return new ChromeDriver(service, options);
    }

    /** Clicks and waits until the browser has left the page (a form's submission and its redirect). */
    public static void clickAndWait(WebDriver browser, String id, Duration timeout) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.id(id)).click();
        new WebDriverWait(browser, timeout).until(b -> gone(page));
    }

    /**
     * Whether the old page's element has left the document. Chromium reports it as stale, or (now and then, when the
     * new document replaces it mid-call) as "Node with given id does not belong to the document", an unknown error
     * that {@code ExpectedConditions.stalenessOf} does not count as stale and that failed a CI run.
     */
    static boolean gone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return true;
            throw e;
        }
    }
}
