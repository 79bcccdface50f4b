package org.cloakroom.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.cloakroom.spi.SessionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in a real, headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * nothing is downloaded): a visitor clicks through the reference's examples while the panel and the
 * browser's own cookie jar show what happened. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPageIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final String NO_SESSION = "none (no cookie)";
    private static final String NO_CHROMIUM = "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver";

    /** The demo exactly as built, at {@code /demo/}, with the default settings (the db engine). */
    @Deployment(testable = false)
    static WebArchive demo() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("demo.war")));
    }

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private void openBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // Failsafe's summary counts skipped tests without their reason: say it here too.
            System.out.println("[WARNING] DemoPageIT skipped: " + NO_CHROMIUM);
        }
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), NO_CHROMIUM);
        profile = Files.createTempDirectory("demo-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1080", "--user-data-dir=" + profile);
        // An explicit driver: Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @Test
    void aVisitorClicksThroughTheReferenceExamples() throws IOException {
        openBrowser();
        browser.get(base.toString());
        waitForText("panel-key", NO_SESSION);
        assertNull(sessionCookie(), "opening the page creates no session");

        // Post a comment, twice.
        comment("Cloakroom keeps my coat");
        waitForText("comment-message", "Thanks for your comment!");
        waitForPanelData("\"has_commented\": true");
        comment("And another thing");
        waitForText("comment-message", "You've already commented.");

        // The cookie check, then log in: member_id is stored under a new key.
        click("check-cookies");
        waitForText("cookie-message", "Cookies work: you can log in.");
        waitForPanelData("\"testcookie\": \"worked\"");
        String anonymous = sessionCookie().getValue();
        type("username", "alice");
        type("password", "wonderland");
        click("login");
        waitForText("member-message", "You're logged in as alice.");
        waitForPanelData("\"member_id\": 1");
        String member = sessionCookie().getValue();
        assertNotEquals(anonymous, member, "logging in cycles the key");
        waitForText("panel-key", SessionKeys.storageId(member).substring(0, 8) + "\u2026");
        assertFalse(panelData().contains("testcookie"), panelData());
        screenshot("demo.png");

        // Log out: the cookie and the data are gone.
        click("logout");
        waitForText("member-message", "You're logged out.");
        waitForText("panel-key", NO_SESSION);
        waitForText("panel-data", "{}");
        assertNull(sessionCookie(), "logging out deletes the cookie");

        // Sign in with Jakarta Security: the panel shows the member, the card lists this browser's session.
        type("signin-username", "bob");
        type("signin-password", "builder");
        click("signin");
        waitForText("signin-message", "You're logged in as bob.");
        waitForText("panel-user", "bob");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("my-sessions"), "(this browser)"));
        click("signout");
        waitForText("panel-user", "anonymous");
        assertNull(sessionCookie(), "signing out deletes the cookie");

        // Operating it: the admin summary is for role session-admin only, which carol has.
        click("admin-summary");
        waitForText("admin-message", "Sign in first: carol / operator has the role session-admin.");
        type("signin-username", "carol");
        type("signin-password", "operator");
        click("signin");
        waitForText("panel-user", "carol");
        click("admin-summary");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-output"), "\"liveSessions\""));
        assertTrue(browser.findElement(By.id("metrics-link")).getAttribute("href").endsWith(":"
                + Integer.getInteger("wildfly.management.port", 9990) + "/prometheus"));
        click("signout");
        waitForText("panel-user", "anonymous");

        // Expire at browser close: a cookie without an expiry.
        click("expiry-browser-close");
        waitForText("expiry-message", "The session now ends when the browser closes.");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("panel-browser-close"), "yes"));
        Cookie browserLength = sessionCookie();
        assertNotNull(browserLength);
        assertNotEquals(member, browserLength.getValue());
        assertNull(browserLength.getExpiry(), "a browser-length cookie has no expiry");
        assertTrue(browserLength.isHttpOnly());
        screenshot("browser-close.png");
    }

    private Cookie sessionCookie() {
        return browser.manage().getCookieNamed("sessionid");
    }

    private void comment(String text) {
        type("comment-text", text);
        click("post-comment");
    }

    private void type(String id, String text) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBe(By.id(id), text));
    }

    private void waitForPanelData(String fragment) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("panel-data"), fragment));
    }

    private String panelData() {
        return browser.findElement(By.id("panel-data")).getText();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(SCREENSHOTS.resolve(name)) > 0);
    }
}
