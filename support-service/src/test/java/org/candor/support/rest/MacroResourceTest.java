package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.support.MutableClock;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class MacroResourceTest {

    @Inject
    MutableClock clock;

    @Test
    void bulkResolveAnswersEachOpenLinkedTicketInItsLocaleAndSkipsResolvedOnes() {
        clock.advance(Duration.ofSeconds(1));
        UUID incidentId = TestData.declareIncident(clock.instant());
        macro(incidentId, "card-safety", "en", "Your card is safe: card numbers were not affected.");
        macro(incidentId, "card-safety", "de", "Ihre Karte ist sicher: Kartennummern waren nicht betroffen.");
        String problemId = supervisor().body(Map.of("incidentId", incidentId, "title", "Are cards affected?"))
                .post("/api/problems").then().statusCode(201).extract().path("id");
        String german = ticket(incidentId, "de");
        String english = ticket(incidentId, "en");
        String done = ticket(incidentId, "en");
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + done + "/status").then().statusCode(200);
        for (String ticket : List.of(german, english, done)) {
            agent().put("/api/problems/" + problemId + "/tickets/" + ticket).then().statusCode(204);
        }

        supervisor().body(Map.of("macroKey", "card-safety", "resolve", true)).post("/api/problems/" + problemId + "/bulk")
                .then().statusCode(200)
                .body("applied", equalTo(List.of(german, english)))
                .body("skipped", equalTo(List.of(done)));

        agent().get("/api/tickets/" + german).then().body("status", equalTo("RESOLVED"));
        assertThat(bodies(german)).containsExactly("Ihre Karte ist sicher: Kartennummern waren nicht betroffen.");
        assertThat(bodies(english)).containsExactly("Your card is safe: card numbers were not affected.");
        assertThat(bodies(done)).isEmpty();
    }

    @Test
    void bulkWithAnUnknownMacroChangesNothingAndNamesTheField() {
        clock.advance(Duration.ofSeconds(1));
        UUID incidentId = TestData.declareIncident(clock.instant());
        String problemId = supervisor().body(Map.of("incidentId", incidentId, "title", "Phishing mails"))
                .post("/api/problems").then().statusCode(201).extract().path("id");
        String ticket = ticket(incidentId, "en");
        agent().put("/api/problems/" + problemId + "/tickets/" + ticket).then().statusCode(204);

        supervisor().body(Map.of("macroKey", "no-such-macro", "resolve", true)).post("/api/problems/" + problemId + "/bulk")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("macroKey"));
        agent().get("/api/tickets/" + ticket).then().body("status", equalTo("NEW"));
    }

    @Test
    void onlySupervisorsKeepMacros() {
        agent().body(Map.of("key", "hello", "locale", "en", "title", "Hello", "body", "Hello")).post("/api/macros")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void replyFromAMacroUsesItsBody() {
        String macroId = macro(null, "general-" + UUID.randomUUID().toString().substring(0, 8), "en",
                "We reset all passwords as a precaution.");
        String ticket = openTicket("general");

        agent().body(Map.of("kind", "PUBLIC_REPLY", "macroId", macroId)).post("/api/tickets/" + ticket + "/messages")
                .then().statusCode(201).body("body", equalTo("We reset all passwords as a precaution."));
    }

    private static String macro(UUID incidentId, String key, String locale, String body) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("key", key, "locale", locale, "title", key, "body", body));
        if (incidentId != null) {
            request.put("incidentId", incidentId);
        }
        return supervisor().body(request).post("/api/macros").then().statusCode(201).extract().path("id");
    }

    private static String ticket(UUID incidentId, String locale) {
        return openTicket(agent(), Map.of("channel", "WEB", "queue", "general", "subject", "Are cards affected?",
                "locale", locale, "incidentId", incidentId)).then().statusCode(201).extract().path("id");
    }

    private static List<String> bodies(String ticket) {
        return agent().get("/api/tickets/" + ticket + "/messages").then().extract().jsonPath().getList("body");
    }
}
