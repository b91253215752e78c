package org.candor.feedback;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.contracts.customer.AffectedCustomer;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.Trigger;
import org.candor.feedback.service.CustomerService;
import org.candor.feedback.service.InvitationService;
import org.candor.feedback.service.SurveyService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;

/** Surveys, customers and invitations for tests, made through the same services the application uses. */
@ApplicationScoped
public class Fixtures {

    private final CustomerService customers;
    private final SurveyService surveys;
    private final InvitationService invitations;

    Fixtures(CustomerService customers, SurveyService surveys, InvitationService invitations) {
        this.customers = customers;
        this.surveys = surveys;
        this.invitations = invitations;
    }

    /** A survey asking NPS, trust, CSAT, a choice, several choices and free text, through the API. */
    public static UUID createSurvey(String purpose, boolean anonymous) {
        return UUID.fromString(given().auth().oauth2(CandorTestResource.token(Roles.ANALYST))
                .contentType(ContentType.JSON)
                .body(surveyJson("Survey " + UUID.randomUUID(), purpose, anonymous))
                .post("/api/surveys")
                .then().statusCode(201).extract().path("id"));
    }

    public static String surveyJson(String name, String purpose, boolean anonymous) {
        return """
                {"name": "%s", "purpose": "%s", "anonymous": %s,
                 "title": {"en": "How did we do?", "de": "Wie war es?"},
                 "questions": [
                   {"id": "nps", "type": "NPS", "required": true,
                    "text": {"en": "How likely are you to recommend us?", "de": "Wie wahrscheinlich empfehlen Sie uns weiter?"}},
                   {"id": "trust", "type": "TRUST", "required": true,
                    "text": {"en": "How much do you trust us to protect your data?", "de": "Wie sehr vertrauen Sie uns, Ihre Daten zu schützen?"}},
                   {"id": "csat", "type": "CSAT", "required": false,
                    "text": {"en": "How satisfied are you with our response?", "de": "Wie zufrieden sind Sie mit unserer Reaktion?"}},
                   {"id": "informed", "type": "SINGLE_CHOICE", "required": false,
                    "text": {"en": "How did you learn about the incident?", "de": "Wie haben Sie vom Vorfall erfahren?"},
                    "options": [{"id": "email", "label": {"en": "Email", "de": "E-Mail"}},
                                {"id": "press", "label": {"en": "Press", "de": "Presse"}}]},
                   {"id": "actions", "type": "MULTIPLE_CHOICE", "required": false,
                    "text": {"en": "What did you do?", "de": "Was haben Sie getan?"},
                    "options": [{"id": "password", "label": {"en": "Changed my password", "de": "Passwort geändert"}},
                                {"id": "card", "label": {"en": "Blocked my card", "de": "Karte gesperrt"}}]},
                   {"id": "comment", "type": "FREE_TEXT", "required": false,
                    "text": {"en": "Anything else?", "de": "Noch etwas?"}}
                 ]}""".formatted(name, purpose, anonymous);
    }

    /** A customer affected by {@code incidentId}, with a fresh id. */
    public String customer(UUID incidentId, String locale, String country, String segment) {
        String customerId = "C-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> customers.recordAffected(incidentId,
                new AffectedCustomer(customerId, "Test Person", "person@example.org", null, locale, country, null,
                        segment)));
        return customerId;
    }

    public InvitationService.Outcome invite(UUID surveyId, String customerId, UUID incidentId, int wave) {
        return QuarkusTransaction.requiringNew().call(() -> invitations.invite(surveys.current(surveyId), customerId,
                new InvitationService.Occasion(incidentId, wave, Trigger.CAMPAIGN, "CAMPAIGN")));
    }

    /** Invites and returns the personal link's path ({@code /survey/<token>}). */
    public String invitedLink(UUID surveyId, String customerId, UUID incidentId) {
        invite(surveyId, customerId, incidentId, 1);
        return linkOfLatest(customerId);
    }

    public String linkOfLatest(String customerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Invitation invitation = Invitation.<Invitation>find("customerId = ?1 order by invitedAt desc", customerId)
                    .firstResult();
            String link = invitations.link(invitation);
            return link.substring(link.indexOf("/survey/"));
        });
    }

    public static Map<String, List<String>> answers(Object... pairs) {
        Map<String, List<String>> answers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            answers.put((String) pairs[i], List.of(String.valueOf(pairs[i + 1])));
        }
        return answers;
    }
}
