package org.candor.feedback.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The survey form in headless Chromium, in German and English. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SurveyFormPageTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    Fixtures fixtures;

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void germanCustomerAnswersFromTheEmailScoreLinkAndSubmits() {
        String link = linkFor("de");
        browser = Browser.start("de");

        browser.get(url(link + "?nps=9"));

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Wie war es?");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.id("q-nps-9")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#question-trust legend")).getText())
                .startsWith("Wie sehr vertrauen Sie uns, Ihre Daten zu schützen?");
        browser.findElement(By.cssSelector("label[for='q-trust-4']")).click();
        browser.findElement(By.cssSelector("label[for='q-actions-password']")).click();
        browser.findElement(By.id("q-comment")).sendKeys("Gut informiert");
        // Styled by survey.css, which the page's policy allows (no inline style is).
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color")).isEqualTo("rgba(246, 247, 249, 1)");
        browser.findElement(By.id("submit")).click();

        assertThat(awaitElement(By.id("heading")).getText()).isEqualTo("Vielen Dank");
        assertThat(Browser.policyViolations(browser)).isEmpty();
    }

    @Test
    void theFormCarriesTheSecurityHeaders() {
        io.restassured.response.Response form = io.restassured.RestAssured.given().get(linkFor("en"));

        assertThat(form.header("Content-Security-Policy")).contains("default-src 'none'").contains("style-src 'self'")
                .contains("form-action 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(form.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(form.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(form.header("Content-Type")).isEqualToIgnoringCase("text/html;charset=utf-8");
    }

    @Test
    void englishCustomerSeesTheMissingAnswerThenSavesAndComesBack() {
        String link = linkFor("en");
        browser = Browser.start("en");

        browser.get(url(link));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.findElement(By.cssSelector("label[for='q-nps-3']")).click();
        browser.findElement(By.id("submit")).click();

        assertThat(awaitElement(By.id("error-summary")).getText()).isEqualTo("Please check the marked questions.");
        assertThat(browser.findElement(By.id("error-trust")).getText()).isEqualTo("Please answer this question.");
        assertThat(browser.findElement(By.id("q-nps-3")).isSelected()).isTrue();

        browser.findElement(By.id("save")).click();
        assertThat(awaitElement(By.id("saved")).isDisplayed()).isTrue();

        browser.get(url(link));
        assertThat(browser.findElement(By.id("q-nps-3")).isSelected()).isTrue();
        browser.findElement(By.cssSelector("label[for='q-trust-2']")).click();
        browser.findElement(By.id("contact")).click();
        browser.findElement(By.id("submit")).click();
        assertThat(awaitElement(By.id("heading")).getText()).isEqualTo("Thank you");

        browser.get(url(link));
        assertThat(awaitElement(By.id("heading")).getText()).isEqualTo("You have already answered");
    }

    @Test
    void languageLinkSwitchesTheFormToGerman() {
        String link = linkFor("en");
        browser = Browser.start("en");
        browser.get(url(link));

        browser.findElement(By.linkText("Deutsch")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "de"));
        assertThat(browser.findElement(By.id("submit")).getText()).isEqualTo("Antworten absenden");
    }

    @Test
    void tamperedLinkShowsAClearGermanPage() {
        String link = linkFor("de");
        browser = Browser.start("de");

        browser.get(url(link.substring(0, link.length() - 3) + "xyz"));

        assertThat(awaitElement(By.id("heading")).getText()).isEqualTo("Dieser Link ist ungültig");
        assertThat(browser.getPageSource()).doesNotContain("Exception");
    }

    @Test
    void optOutFromTheFormIsConfirmed() {
        String link = linkFor("en");
        browser = Browser.start("en");
        browser.get(url(link));

        browser.findElement(By.id("opt-out")).click();

        assertThat(awaitElement(By.id("heading")).getText())
                .isEqualTo("You will not receive surveys any more");
    }

    /** A click on a submit button may return before the next page is there. */
    private WebElement awaitElement(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private String linkFor(String locale) {
        String customer = fixtures.customer(UUID.randomUUID(), locale, "DE", "retail");
        return fixtures.invitedLink(Fixtures.createSurvey("CAMPAIGN", false), customer, null);
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
