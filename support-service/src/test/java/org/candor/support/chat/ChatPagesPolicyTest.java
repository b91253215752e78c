package org.candor.support.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import org.candor.platform.security.Roles;
import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The chat widget and the agents' console under their Content-Security-Policy, in headless Chromium. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ChatPagesPolicyTest {

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void relayReady() throws Exception {
        ChatTestSupport.awaitRelay(base);
    }

    @Test
    void theWidgetPageAllowsItsOwnScriptAndSocketAndOnlyListedFramers() {
        Response page = given().get("/widget/index.html");

        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("connect-src 'self'")
                .contains("frame-ancestors 'self'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Type")).isEqualToIgnoringCase("text/html;charset=utf-8"); // charset names are case-insensitive (RFC 9110)
    }

    @Test
    void theConsoleIsNeverFramed() {
        assertThat(given().get("/console/index.html").header("Content-Security-Policy"))
                .contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
    }

    @Test
    void theEmbeddedWidgetConnectsAndIsStyledUnderItsPolicy() {
        ChromeDriver browser = Browser.start("en");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base.resolve("/widget/demo.html").toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("candor-chat-button"))).click();
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("candor-chat-frame")));
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("You are number \\d+ in the queue")));

            assertThat(browser.findElement(By.tagName("header")).getCssValue("background-color"))
                    .isEqualTo("rgba(31, 78, 121, 1)");
            browser.switchTo().defaultContent();
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theConsoleRunsItsScriptAndIsStyledUnderItsPolicy() {
        ChromeDriver browser = Browser.start("en");
        try {
            browser.get(base.resolve("/console/index.html").toString());
            browser.findElement(By.id("token")).sendKeys(CandorTestResource.token(Roles.SUPPORT_AGENT));
            browser.findElement(By.id("connect")).click();

            new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                    ExpectedConditions.textMatches(By.id("agent-status"), Pattern.compile("Connected as .+")));
            assertThat(browser.findElement(By.id("transcript")).getCssValue("list-style-type")).isEqualTo("none");
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
