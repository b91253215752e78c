package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.candor.feedback.Fixtures;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SurveyResourceTest {

    private static final String ANALYST = CandorTestResource.token(Roles.ANALYST);

    @Test
    void createdSurveyIsVersionOneWithItsTextsPerLocale() {
        UUID id = Fixtures.createSurvey("TRUST", false);

        given().auth().oauth2(ANALYST).get("/api/surveys/" + id)
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("purpose", equalTo("TRUST"))
                .body("questions[1].type", equalTo("TRUST"))
                .body("questions[1].text.de", equalTo("Wie sehr vertrauen Sie uns, Ihre Daten zu schützen?"));
    }

    @Test
    void revisionBecomesTheNextVersionAndTheEarlierOneStaysReadable() {
        UUID id = Fixtures.createSurvey("CAMPAIGN", false);
        String revision = """
                {"title": {"en": "Short survey", "de": "Kurze Umfrage"},
                 "questions": [{"id": "nps", "type": "NPS", "required": true,
                   "text": {"en": "Would you recommend us?", "de": "Würden Sie uns empfehlen?"}}]}""";

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(revision).put("/api/surveys/" + id)
                .then().statusCode(200).body("version", equalTo(2)).body("currentVersion", equalTo(2));

        given().auth().oauth2(ANALYST).get("/api/surveys/" + id + "/versions/1")
                .then().statusCode(200).body("title.en", equalTo("How did we do?")).body("currentVersion", equalTo(2));
        given().auth().oauth2(ANALYST).get("/api/surveys/" + id)
                .then().statusCode(200).body("title.en", equalTo("Short survey"));
    }

    @Test
    void questionWithoutGermanTextIsRejectedNamingTheField() {
        String body = Fixtures.surveyJson("Missing German " + UUID.randomUUID(), "CAMPAIGN", false)
                .replace("\"de\": \"Noch etwas?\"", "\"fr\": \"Autre chose ?\"");

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(body).post("/api/surveys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("questions[5].text.de"));
    }

    @Test
    void secondNpsQuestionIsRejectedNamingTheField() {
        String body = Fixtures.surveyJson("Two NPS " + UUID.randomUUID(), "CAMPAIGN", false)
                .replace("\"id\": \"csat\", \"type\": \"CSAT\"", "\"id\": \"csat\", \"type\": \"NPS\"");

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(body).post("/api/surveys")
                .then().statusCode(400)
                .body("errors.field", hasItem("questions[2].type"));
    }

    @Test
    void unknownQuestionTypeIsRejectedNamingTheField() {
        String body = Fixtures.surveyJson("Bad type " + UUID.randomUUID(), "CAMPAIGN", false)
                .replace("\"type\": \"FREE_TEXT\"", "\"type\": \"ESSAY\"");

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(body).post("/api/surveys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("questions[5].type"));
    }

    @Test
    void surveysNeedTheAnalystRole() {
        given().contentType(ContentType.JSON).body(Fixtures.surveyJson("No token", "CAMPAIGN", false))
                .post("/api/surveys").then().statusCode(401);
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).get("/api/surveys")
                .then().statusCode(403);
    }

    @Test
    void unknownSurveyIs404ProblemJson() {
        given().auth().oauth2(ANALYST).get("/api/surveys/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
