package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;

import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The public pages under their Content-Security-Policy: no inline script or style, never in a frame. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class PublicPagesPolicyTest {

    /** The button colour status.css and subscription.css give; only applied if the style sheet loaded. */
    private static final String BUTTON_BLUE = "rgba(11, 79, 156, 1)";

    @TestHTTPResource("/status")
    URL statusPage;

    @Test
    void everyPublicResponseCarriesTheSecurityHeaders() {
        Response page = given().get("/status?lang=en");

        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("script-src");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertThat(given().formParam("email", "x").post("/status/subscriptions").header("Content-Security-Policy"))
                .contains("frame-ancestors 'none'");
        assertThat(given().get("/status/assets/status.css").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theStatusPageIsStyledAndRefusesNothingUnderItsPolicy() {
        StatusPageCacheTest.incidentWithPublicUpdate("Policy " + UUID.randomUUID(), "We are looking into it.");
        ChromeDriver browser = Browser.start("en");
        try {
            browser.get(statusPage + "?lang=en");

            assertThat(browser.findElement(By.cssSelector("form button")).getCssValue("background-color")).isEqualTo(BUTTON_BLUE);
            assertThat(browser.findElement(By.cssSelector("article")).getCssValue("border-top-style")).isEqualTo("solid");
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theSubscriptionPagesWorkUnderTheirPolicy() {
        ChromeDriver browser = Browser.start("en");
        try {
            browser.get(statusPage + "?lang=en");
            browser.findElement(By.id("phone")).sendKeys("+49151" + (1_000_000 + (int) (Math.random() * 8_000_000)));
            browser.findElement(By.cssSelector("form button")).click();

            assertThat(browser.findElement(By.id("message")).getText()).contains("you will receive a message");
            assertThat(browser.findElement(By.cssSelector("form button")).getCssValue("background-color")).isEqualTo(BUTTON_BLUE);
            browser.findElement(By.id("code")).sendKeys("000000");
            browser.findElement(By.cssSelector("form button")).click();
            assertThat(browser.findElement(By.id("message")).getText()).isNotBlank();
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theGermanMessageCheckFormSaysWhatWeNeverAskForAndSendsTheReferenceToTheCheckPage() {
        ChromeDriver browser = Browser.start("de");
        try {
            browser.get(statusPage + "?lang=de");

            assertThat(browser.findElement(By.id("check-heading")).getText()).isEqualTo("Ist diese Nachricht von uns?");
            assertThat(browser.findElement(By.id("never-ask")).getText())
                    .startsWith("Wir fragen Sie nie nach Passwort, PIN oder Zahlungsdaten");
            browser.findElement(By.id("ref")).sendKeys("CND-7F3KQ-9XM2T");
            browser.findElement(By.cssSelector("section[aria-labelledby=check-heading] button")).click();

            // notification-service answers there (the Ingress routes /check to it); the form is allowed to send it.
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/check"));
            assertThat(browser.getCurrentUrl()).endsWith("/check?lang=de&ref=CND-7F3KQ-9XM2T");
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
