package org.candor.compliance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.Topics;
import org.candor.contracts.incident.AffectedPopulationSummarized;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;

/** The organisation and incidents the tests share, sent the way the other services send them. */
public final class Fixtures {

    public static final String DPO_EMAIL = "dpo@example.org";
    public static final String OFFICER_EMAIL = "compliance@example.org";

    private Fixtures() {
    }

    public static String officer() {
        return CandorTestResource.token(Roles.COMPLIANCE_OFFICER);
    }

    /** A German NIS2 essential entity; the same for every test, so tests do not disturb each other. */
    public static void profile() {
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("""
                {"legalName": "Beispiel Energie GmbH", "establishments": ["DE"], "leadAuthority": "BfDI",
                 "dpo": {"name": "Dana Schutz", "email": "%s"}, "complianceOfficers": ["%s"], "locale": "de",
                 "timezone": "Europe/Berlin", "flags": ["NIS2_ESSENTIAL"]}""".formatted(DPO_EMAIL, OFFICER_EMAIL))
                .put("/api/profile").then().statusCode(200);
    }

    public static void declare(UUID incidentId, Instant awareAt) {
        declare(incidentId, awareAt, "Portal breach");
    }

    public static void declare(UUID incidentId, Instant awareAt, String title) {
        ObjectNode data = new ObjectMapper().createObjectNode().put("incidentId", incidentId.toString())
                .put("title", title).put("summary", "Credentials leaked").put("severity", "HIGH")
                .put("detectedAt", awareAt.toString()).put("awareAt", awareAt.toString())
                .put("declaredAt", awareAt.plusSeconds(600).toString());
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incidentId.toString(), UUID.randomUUID(),
                IncidentDeclared.TYPE, data.toString());
    }

    /** The incident's facts as incident-service describes them after declaration, with a summary per locale. */
    public static void detailsChanged(UUID incidentId, Instant awareAt, Map<String, String> summaries) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = json.createObjectNode().put("incidentId", incidentId.toString()).put("title", "Portal breach")
                .put("severity", "HIGH").put("detectedAt", awareAt.toString()).put("awareAt", awareAt.toString())
                .put("changedAt", awareAt.plusSeconds(600).toString());
        data.set("summaries", json.valueToTree(summaries));
        data.putArray("dataCategories").add("CONTACT");
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incidentId.toString(), UUID.randomUUID(),
                IncidentDetailsChanged.TYPE, data.toString());
    }

    /** A message notification-service delivered to an affected customer about the incident. */
    public static void delivered(UUID incidentId, String customerId, Instant at) {
        UUID delivery = UUID.randomUUID();
        ObjectNode data = new ObjectMapper().createObjectNode().put("deliveryId", delivery.toString())
                .put("incidentId", incidentId.toString()).put("customerId", customerId)
                .put("messageType", "breach-notice").put("channel", "EMAIL").put("provider", "smtp-primary")
                .put("deliveredAt", at.toString());
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, delivery.toString(), UUID.randomUUID(),
                NotificationDelivered.TYPE, data.toString());
    }

    public static void population(UUID incidentId, Map<String, Long> byCountry) {
        StringBuilder counts = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> entry : byCountry.entrySet()) {
            String[] place = entry.getKey().split("/");
            counts.append(counts.isEmpty() ? "" : ",").append("{\"country\":\"").append(place[0]).append("\",\"region\":")
                    .append(place.length > 1 ? "\"" + place[1] + "\"" : "null").append(",\"count\":")
                    .append(entry.getValue()).append("}");
            total += entry.getValue();
        }
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incidentId.toString(), UUID.randomUUID(),
                AffectedPopulationSummarized.TYPE, "{\"incidentId\":\"" + incidentId + "\",\"total\":" + total
                        + ",\"counts\":[" + counts + "],\"dataCategories\":[\"CONTACT\"],\"asOf\":\"" + Instant.now() + "\"}");
    }

    /** A risk assessment as incident-service records it; high likelihood and impact when {@code highRisk}. */
    public static void riskAssessed(UUID incidentId, boolean highRisk) {
        String level = highRisk ? "HIGH" : "MEDIUM";
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incidentId.toString(), UUID.randomUUID(),
                RiskAssessed.TYPE, "{\"incidentId\":\"" + incidentId + "\",\"assessmentId\":\"" + UUID.randomUUID()
                        + "\",\"likelihood\":\"" + level + "\",\"impact\":\"" + level + "\",\"riskLevel\":\""
                        + (highRisk ? "HIGH_RISK" : "RISK") + "\",\"highRiskToIndividuals\":" + highRisk
                        + ",\"assessedAt\":\"" + Instant.now() + "\"}");
    }

    public static void phaseChanged(UUID incidentId, String from, String to, Instant at) {
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incidentId.toString(), UUID.randomUUID(),
                IncidentPhaseChanged.TYPE, "{\"incidentId\":\"" + incidentId + "\",\"previousPhase\":\"" + from
                        + "\",\"phase\":\"" + to + "\",\"changedAt\":\"" + at + "\",\"changedBy\":\"commander\"}");
    }

    /** Waits until the incident has an obligation for {@code regime} and returns the obligations. */
    public static List<Map<String, Object>> awaitObligation(UUID incidentId, String regime) {
        await().atMost(Duration.ofSeconds(30)).until(() -> obligations(incidentId).stream()
                .anyMatch(o -> regime.equals(o.get("regime"))));
        return obligations(incidentId);
    }

    /** Parses an event's JSON data. */
    public static com.fasterxml.jackson.databind.JsonNode json(String value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + value, e);
        }
    }

    public static List<Map<String, Object>> obligations(UUID incidentId) {
        var response = given().auth().oauth2(officer()).get("/api/incidents/" + incidentId + "/obligations");
        return response.statusCode() == 200 ? response.jsonPath().getList("$") : List.of();
    }

    public static Map<String, Object> obligation(UUID incidentId, String regime) {
        return obligations(incidentId).stream().filter(o -> regime.equals(o.get("regime"))).findFirst()
                .orElseThrow(() -> new AssertionError("No " + regime + " obligation"));
    }
}
