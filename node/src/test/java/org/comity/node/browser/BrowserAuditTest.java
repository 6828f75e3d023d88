package org.comity.node.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The audit every browser test relies on finds what it should: a page it must fail, and one it must pass. */
class BrowserAuditTest {

    @Test
    void anInaccessiblePageIsReportedAndAnAccessibleOneIsNot() throws Exception {
        try (Browser b = new Browser(1, "en")) {
            b.driver.get("data:text/html;charset=utf-8," + URLEncoder.encode(
                    "<!DOCTYPE html><html><head><title>t</title></head><body><main><img src='x.png'><button></button></main></body></html>",
                    StandardCharsets.UTF_8).replace("+", "%20"));
            b.audit();
            assertThat(b.violations).anyMatch(v -> v.contains("image-alt")).anyMatch(v -> v.contains("button-name"))
                    .anyMatch(v -> v.contains("html-has-lang"));

            b.violations.clear();
            b.driver.get("data:text/html;charset=utf-8," + URLEncoder.encode(
                    "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><main><h1>Fine</h1>"
                            + "<img src='x.png' alt='A seal'><button>Send</button></main></body></html>",
                    StandardCharsets.UTF_8).replace("+", "%20"));
            b.audit();
            assertThat(b.violations).isEmpty();
        }
    }
}
