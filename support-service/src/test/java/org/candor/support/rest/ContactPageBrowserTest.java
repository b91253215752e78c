package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.ticketId;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The contact form in headless Chromium: field errors, then the thank-you page and the WEB ticket. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ContactPageBrowserTest {

    @TestHTTPResource("/contact")
    URI page;

    @Test
    void germanVisitorCorrectsAWrongAddressAndGetsTheReference() {
        String subject = "Konto gesperrt " + UUID.randomUUID();
        ChromeDriver browser = Browser.start("de");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(page.toString());
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kontakt");
            browser.findElement(By.id("email")).sendKeys("erika@");
            browser.findElement(By.id("subject")).sendKeys(subject);
            browser.findElement(By.id("message")).sendKeys("Ich komme nicht mehr in mein Konto.");
            browser.findElement(By.id("send")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email-error")));
            assertThat(browser.findElement(By.id("email-error")).getText())
                    .startsWith("Bitte geben Sie eine gültige E-Mail-Adresse an");
            assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.findElement(By.id("subject")).getAttribute("value")).isEqualTo(subject);
            assertThat(browser.findElement(By.id("message")).getAttribute("value"))
                    .isEqualTo("Ich komme nicht mehr in mein Konto.");

            browser.findElement(By.id("email")).clear();
            browser.findElement(By.id("email")).sendKeys("erika@example.org");
            browser.findElement(By.id("send")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sent")));
            assertThat(browser.findElement(By.id("sent")).getText()).isEqualTo("Danke, Ihre Nachricht ist angekommen");
            String text = browser.findElement(By.id("reference")).getText();
            String reference = text.substring(text.lastIndexOf(' ') + 1);
            JsonPath ticket = agent().get("/api/tickets/" + ticketId(reference)).then().statusCode(200).extract().jsonPath();
            assertThat(ticket.getString("channel")).isEqualTo("WEB");
            assertThat(ticket.getString("subject")).isEqualTo(subject);
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
