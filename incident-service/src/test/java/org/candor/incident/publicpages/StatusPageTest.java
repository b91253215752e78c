package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.platform.security.Roles;
import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class StatusPageTest {

    @TestHTTPResource("/status")
    URL statusPage;

    @Test
    void aGermanBrowserSeesTheIncidentInGermanWithAdvice() {
        String title = "Zugriff auf das Kundenportal " + UUID.randomUUID();
        String incident = incidentWithPublicUpdate(title);
        ChromeDriver browser = Browser.start("de");
        try {
            browser.get(statusPage.toString());

            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Status zu Sicherheitsvorfällen");
            WebElement article = browser.findElement(By.cssSelector("article[data-incident='" + incident + "']"));
            assertThat(article.findElement(By.cssSelector(".summary")).getText())
                    .isEqualTo("Angreifer haben Kundendaten gelesen.");
            assertThat(article.findElement(By.cssSelector(".status")).getText()).isEqualTo("Wird untersucht");
            assertThat(article.findElements(By.cssSelector(".advice li")).stream().map(WebElement::getText))
                    .anyMatch(text -> text.startsWith("Ändern Sie Ihr Passwort"));
            assertThat(article.findElement(By.cssSelector(".timeline")).getText())
                    .contains("Wir untersuchen ungewöhnliche Zugriffe.");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theLanguageSwitchShowsTheEnglishPage() {
        String title = "Portal access " + UUID.randomUUID();
        String incident = incidentWithPublicUpdate(title);
        ChromeDriver browser = Browser.start("de");
        try {
            browser.get(statusPage.toString());
            browser.findElement(By.cssSelector("a[hreflang='en']")).click();

            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Security incident status");
            WebElement article = browser.findElement(By.cssSelector("article[data-incident='" + incident + "']"));
            assertThat(article.findElement(By.cssSelector(".summary")).getText())
                    .isEqualTo("Attackers read customer records.");
            assertThat(browser.findElement(By.cssSelector("label[for='email']")).getText()).isEqualTo("Email address");
        } finally {
            browser.quit();
        }
    }

    @Test
    void internalDetailNeverReachesThePublicPage() {
        String incident = incidentWithPublicUpdate("Internal detail check " + UUID.randomUUID());
        commander().body(Map.of("kind", "ISOLATION", "description", "Isolated host secret-db-07"))
                .post("/api/incidents/" + incident + "/actions").then().statusCode(201);
        commander().body(Map.of("status", "IDENTIFIED", "audience", "AFFECTED",
                "messages", Map.of("en", "Only for affected customers: your account 12345"), "notifyPeople", false))
                .post("/api/incidents/" + incident + "/updates").then().statusCode(201);

        String html = given().accept("text/html").get("/status?lang=en").then().statusCode(200).extract().asString();
        String json = given().get("/status/api/incidents?lang=en").then().statusCode(200).extract().asString();

        assertThat(html).contains("Attackers read customer records.").doesNotContain("secret-db-07")
                .doesNotContain("Only for affected customers").doesNotContain("test-user");
        assertThat(json).doesNotContain("secret-db-07").doesNotContain("Only for affected customers")
                .doesNotContain("declaredBy");
    }

    @Test
    void anIncidentWithoutAPublicUpdateIsNotShown() {
        String incident = commander().body(declaration("Not yet public " + UUID.randomUUID()))
                .post("/api/incidents").then().statusCode(201).extract().path("id");

        given().get("/status/api/incidents").then().statusCode(200).body("id", not(hasItem(incident)));
    }

    @Test
    void theAtomFeedListsPublicUpdatesInTheRequestedLanguage() {
        String title = "Feed check " + UUID.randomUUID();
        incidentWithPublicUpdate(title);

        String xml = given().get("/status/feed.atom?lang=de").then().statusCode(200)
                .contentType("application/atom+xml").extract().asString();

        XmlPath feed = new XmlPath(xml);
        List<String> titles = feed.getList("feed.entry.title");
        assertThat(titles).contains(title + " – Wird untersucht");
        assertThat(feed.getList("feed.entry.content")).contains("Wir untersuchen ungewöhnliche Zugriffe.");
    }

    @Test
    void thePublicApiNeedsNoAccountAndAnswersInTheChosenLanguage() {
        String incident = incidentWithPublicUpdate("Api check " + UUID.randomUUID());

        given().header("Accept-Language", "de-DE,de;q=0.9").get("/status/api/incidents")
                .then().statusCode(200)
                .header("Content-Language", "de")
                .body("find { it.id == '" + incident + "' }.summary", equalTo("Angreifer haben Kundendaten gelesen."));
    }

    private static String incidentWithPublicUpdate(String title) {
        String incident = commander().body(declaration(title)).post("/api/incidents").then().statusCode(201)
                .extract().path("id");
        commander().body(Map.of("status", "INVESTIGATING", "audience", "PUBLIC",
                "messages", Map.of("en", "We are investigating unusual access.", "de", "Wir untersuchen ungewöhnliche Zugriffe."),
                "notifyPeople", true))
                .post("/api/incidents/" + incident + "/updates").then().statusCode(201);
        return incident;
    }

    private static Map<String, Object> declaration(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("summaries", Map.of("en", "Attackers read customer records.", "de", "Angreifer haben Kundendaten gelesen."));
        body.put("severity", "HIGH");
        body.put("detectedAt", "2026-03-27T14:00:00+01:00");
        body.put("awareAt", "2026-03-27T16:30:00+01:00");
        body.put("dataCategories", List.of("CONTACT", "CREDENTIALS"));
        return body;
    }

    private static RequestSpecification commander() {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON);
    }
}
