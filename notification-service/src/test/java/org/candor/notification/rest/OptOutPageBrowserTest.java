package org.candor.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Recipient;
import org.candor.notification.service.OptOutLinks;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
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

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class OptOutPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    OptOutLinks links;

    @Test
    void aGermanCustomerConfirmsInTheBrowserAndIsOptedOutOfSms() {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = Fixtures.uniqueId("BROWSER");
        Fixtures.affect(incident, Fixtures.customer(id, "de", "DE", true, true));
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.count("id", id)) == 1);
        String link = links.url(id, Channel.SMS, "de");
        String path = link.substring(link.indexOf("/opt-out/"));

        ChromeDriver browser = Browser.start("de");
        try {
            browser.get(root.toString().replaceAll("/$", "") + path);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Nachrichten wie diese abbestellen?");
            assertThat(browser.findElement(By.id("text")).getText()).contains("per SMS");
            assertThat(Fixtures.inTx(() -> Recipient.<Recipient>findById(id).smsOptOut)).isFalse();
            // Styled by its style sheet (36em at 16px), which the page's policy allows; nothing inline was needed.
            assertThat(browser.findElement(By.tagName("body")).getCssValue("max-width")).isEqualTo("576px");

            browser.findElement(By.id("confirm")).click();

            // The POST answers with a new page: wait for it before reading it.
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("title")));
            assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Erledigt");
            assertThat(browser.findElement(By.id("text")).getText())
                    .isEqualTo("Sie erhalten keine laufenden Updates und Umfragen mehr per SMS.");
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
        assertThat(Fixtures.inTx(() -> Recipient.<Recipient>findById(id).smsOptOut)).isTrue();
        assertThat(Fixtures.inTx(() -> Recipient.<Recipient>findById(id).emailOptOut)).isFalse();
    }

    @Test
    void theOptOutPageCarriesTheSecurityHeaders() {
        String id = Fixtures.uniqueId("HEADERS");
        String link = links.url(id, Channel.EMAIL, "en");

        io.restassured.response.Response page = io.restassured.RestAssured.given()
                .get(link.substring(link.indexOf("/opt-out/")));

        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("style-src 'self'")
                .contains("form-action 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Type")).isEqualToIgnoringCase("text/html;charset=utf-8");
    }
}
