package org.candor.support.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Which language the chat page is served in. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class WidgetResourceTest {

    @Test
    void firstOfferedLanguageOfAcceptLanguageIsChosen() {
        given().header("Accept-Language", "fr-FR, fr;q=0.9, de;q=0.8, en;q=0.5").get("/widget/index.html").then()
                .statusCode(200).header("Content-Language", "de").body(containsString("<html lang=\"de\">"))
                .body(containsString(">Senden</button>"));
    }

    @Test
    void noLanguageGivenIsEnglish() {
        given().get("/widget/index.html").then().statusCode(200).header("Content-Language", "en")
                .body(containsString(">Send</button>"));
    }

    @Test
    void regionalVariantOfTheLangParameterIsServedInItsLanguage() {
        given().header("Accept-Language", "en").queryParam("lang", "de-AT").get("/widget/index.html").then()
                .statusCode(200).header("Content-Language", equalTo("de"));
    }

    @Test
    void widgetRootServesThePage() {
        given().get("/widget/").then().statusCode(200).body(containsString("id=\"composer\""));
    }

    @Test
    void scriptsBesideThePageAreStillServed() {
        given().get("/widget/chat.js").then().statusCode(200);
        given().get("/widget/embed.js").then().statusCode(200);
    }
}
