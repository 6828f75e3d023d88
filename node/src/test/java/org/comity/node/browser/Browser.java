package org.comity.node.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven through Debian's chromedriver (never a downloaded browser), with an
 * axe-core audit available on every page. Serious and critical accessibility violations are
 * collected as the test goes and reported together.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(2);

    final WebDriver driver;
    final String base;
    public final List<String> violations = new ArrayList<>();

    public Browser(int port, String language) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"
                    + " (.ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--lang=" + language,
                "--user-data-dir=" + Files.createTempDirectory("comity-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        this.base = "http://127.0.0.1:" + port;
    }

    public void open(String path) {
        driver.get(base + path);
        audit();
    }

    /** Runs axe-core on the page as it is now and keeps its serious and critical findings. */
    public void audit() {
        // Legacy mode runs axe in the page itself: the default opens a blank window per audit to finish the run
        // across frames, and Comity's pages have none (the CSP forbids them).
        Results results = new AxeBuilder().setLegacyMode(true).disableIframeTesting().analyze(driver);
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                violations.add(driver.getCurrentUrl() + " — " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp()
                        + " at " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * The elements there now, without the implicit wait {@link #all} makes for elements still to come:
     * for asserting that something is absent from a page that has loaded.
     */
    public List<WebElement> present(String css) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(By.cssSelector(css));
        } finally {
            driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        }
    }

    public void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    public void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    public void click(String css) {
        find(css).click();
    }

    /** Submits with a button and waits for the next page, then audits it. */
    public void submit(String css) {
        WebElement old = find("html");
        click(css);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try {
                old.isDisplayed();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                // Chromium reports a node of a page that was replaced as "does not belong to the document".
                return replaced.getMessage() != null && replaced.getMessage().contains("does not belong to the document");
            }
        });
        audit();
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
