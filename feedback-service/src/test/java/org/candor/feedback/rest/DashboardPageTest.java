package org.candor.feedback.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.feedback.service.ResponseService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The analysts' dashboard in headless Chromium, in both languages. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class DashboardPageTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void germanDashboardShowsTheTrustTrendAcrossWavesAndTheNpsBars() {
        UUID survey = Fixtures.createSurvey("TRUST", true);
        UUID incident = UUID.randomUUID();
        answer(survey, incident, 1, 2, 2);
        answer(survey, incident, 1, 9, 3);
        answer(survey, incident, 2, 10, 4);
        answer(survey, incident, 2, 10, 5);
        browser = signedIn("de");

        browser.get(url("/dashboard?incidentId=" + incident));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kommt das Vertrauen zurück?");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.id("responses")).getText()).isEqualTo("4");
        // 3 promoters, 1 detractor of 4: NPS 50.
        assertThat(browser.findElement(By.id("nps")).getText()).isEqualTo("50.0");
        List<WebElement> points = browser.findElements(By.cssSelector("#trust-trend circle.point"));
        assertThat(points).hasSize(2);
        // Wave 1 mean trust 2.5, wave 2 mean 4.5: the second point sits higher (smaller y).
        double wave1 = Double.parseDouble(points.get(0).getAttribute("cy"));
        double wave2 = Double.parseDouble(points.get(1).getAttribute("cy"));
        assertThat(wave2).isLessThan(wave1);
        assertThat(browser.findElement(By.cssSelector("#trust-trend")).getText()).contains("Welle 1", "Welle 2");
        List<WebElement> bars = browser.findElements(By.cssSelector("#nps-distribution rect.bar"));
        assertThat(bars).hasSize(11);
        assertThat(height(bars.get(10))).isGreaterThan(height(bars.get(9)));
        assertThat(height(bars.get(0))).isZero();
        // Styled by dashboard.css (the charts' size included), which the page's policy allows; nothing inline is.
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color")).isEqualTo("rgba(246, 247, 249, 1)");
        assertThat(Browser.policyViolations(browser)).isEmpty();
    }

    @Test
    void englishDashboardShowsFiguresPerSegment() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        answer(survey, null, 1, 10, 5);
        browser = signedIn("en");

        browser.get(url("/dashboard?surveyId=" + survey));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Is trust coming back?");
        assertThat(browser.findElement(By.cssSelector("#segments tbody th")).getText()).isEqualTo("retail");
        assertThat(browser.findElement(By.id("trust")).getText()).isEqualTo("5.0");
        assertThat(browser.findElements(By.cssSelector("#nps-distribution rect.bar"))).hasSize(11);
    }

    @Test
    void dashboardWithoutTokenIsRefused() {
        browser = Browser.start("en");

        browser.get(url("/dashboard"));

        assertThat(browser.getPageSource()).contains("A valid bearer token is required");
    }

    private ChromeDriver signedIn(String language) {
        ChromeDriver driver = Browser.start(language);
        // A cookie can be set only on a page of its site; the refused dashboard is one.
        driver.get(url("/dashboard"));
        driver.manage().addCookie(new Cookie("candor_token", CandorTestResource.token(Roles.ANALYST)));
        return driver;
    }

    private void answer(UUID survey, UUID incident, int wave, int nps, int trust) {
        String customer = fixtures.customer(incident == null ? UUID.randomUUID() : incident, "de", "DE", "retail");
        fixtures.invite(survey, customer, incident, wave);
        String link = fixtures.linkOfLatest(customer);
        ResponseService.Form form = responses.answer(link.substring("/survey/".length()),
                Fixtures.answers("nps", nps, "trust", trust), false, true);
        assertThat(form.submitted()).isTrue();
    }

    private static double height(WebElement bar) {
        return Double.parseDouble(bar.getAttribute("height"));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
