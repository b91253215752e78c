package org.candor.notification.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class TemplateResourceTest {

    @Test
    void previewRendersTheBreachNoticeInGermanWithSampleData() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .queryParam("locale", "de")
                .get("/api/templates/breach-notice/preview")
                .then().statusCode(200)
                .body("language", equalTo("de"))
                .body("subject", equalTo("Wichtig: Ein Sicherheitsvorfall betrifft Ihre persönlichen Daten"))
                .body("html", containsString("<html lang=\"de\">"))
                .body("sms.encoding", equalTo("GSM-7"))
                .body("sms.length", lessThanOrEqualTo(160));
    }

    @Test
    void previewOfAnEmailOnlyTypeHasNoSms() {
        given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER))
                .get("/api/templates/compliance-deadline-reminder/preview")
                .then().statusCode(200)
                .body("subject", equalTo("Reminder: GDPR_ART33 notification to BfDI due 2026-03-30T15:30+02:00"))
                .body("sms", nullValue());
    }

    @Test
    void unknownTemplateIs400NamingTheField() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/templates/birthday-greeting/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("messageType"))
                .body("errors[0].message", containsString("'birthday-greeting' has no template"));
    }

    @Test
    void malformedLocaleIs400NamingTheField() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .queryParam("locale", "!!")
                .get("/api/templates/breach-notice/preview")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("locale"));
    }

    @Test
    void listNamesEveryTypeTheOtherServicesSend() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/templates")
                .then().statusCode(200)
                .body("messageType", hasItem("survey-invitation"))
                .body("messageType", hasItem("support-verification-code"))
                .body("messageType", hasItem("compliance-deadline-reminder"))
                .body("messageType", hasItem("status-subscription-confirmation"))
                .body("messageType", hasItem("status-subscription-code"));
    }

    @Test
    void previewNeedsAToken() {
        given().get("/api/templates/breach-notice/preview").then().statusCode(401);
    }
}
