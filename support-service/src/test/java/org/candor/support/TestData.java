package org.candor.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Shared steps of the support-service tests: tokens, incidents and customers from events, tickets. */
public final class TestData {

    private TestData() {
    }

    public static RequestSpecification agent() {
        return as("agent-" + UUID.randomUUID(), Roles.SUPPORT_AGENT);
    }

    public static RequestSpecification supervisor() {
        return as("supervisor-1", Roles.SUPPORT_SUPERVISOR);
    }

    public static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(CandorTestResource.jwt().token(user, Duration.ofMinutes(30), roles))
                .contentType(ContentType.JSON);
    }

    /** Declares an incident through incident-service's event and waits until support knows it. */
    public static UUID declareIncident(Instant declaredAt) {
        UUID incidentId = UUID.randomUUID();
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incidentId.toString(), UUID.randomUUID(),
                IncidentDeclared.TYPE, "{\"incidentId\":\"" + incidentId + "\",\"title\":\"Portal breach\","
                        + "\"summary\":\"Credentials leaked\",\"severity\":\"HIGH\",\"detectedAt\":\"" + declaredAt
                        + "\",\"awareAt\":\"" + declaredAt + "\",\"declaredAt\":\"" + declaredAt + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor().get("/api/incidents/" + incidentId).statusCode() == 200);
        return incidentId;
    }

    /** Sends an affected-customer event for {@code customerId} with the given contact details on record. */
    public static void sendAffected(UUID incidentId, String customerId, String locale, String email, String phone) {
        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customerId, UUID.randomUUID(), AffectedCustomerAdded.TYPE,
                "{\"incidentId\":\"" + incidentId + "\",\"customer\":{\"customerId\":\"" + customerId
                        + "\",\"name\":\"Erika Mustermann\",\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                        + ",\"phone\":" + (phone == null ? "null" : "\"" + phone + "\"") + ","
                        + "\"locale\":\"" + locale + "\",\"country\":\"DE\",\"region\":null,\"segment\":\"retail\"},"
                        + "\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    /** Sends an affected-customer event for {@code customerId}. */
    public static void sendAffected(UUID incidentId, String customerId, String locale) {
        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customerId, UUID.randomUUID(), AffectedCustomerAdded.TYPE,
                "{\"incidentId\":\"" + incidentId + "\",\"customer\":{\"customerId\":\"" + customerId
                        + "\",\"name\":\"Erika Mustermann\",\"email\":\"erika@example.org\",\"phone\":\"+4915123456789\","
                        + "\"locale\":\"" + locale + "\",\"country\":\"DE\",\"region\":null,\"segment\":\"retail\"},"
                        + "\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    public static Response openTicket(RequestSpecification as, Map<String, Object> body) {
        return as.body(body).post("/api/tickets");
    }

    /** Opens a NORMAL hotline ticket in {@code queue} and returns its id. */
    public static String openTicket(String queue) {
        return openTicket(agent(), Map.of("channel", "HOTLINE", "queue", queue, "subject", "Was my data stolen?",
                "locale", "de")).then().statusCode(201).extract().path("id");
    }

    /** The id of the ticket a customer knows by its reference ({@code T-1042}), as an agent finds it. */
    public static String ticketId(String reference) {
        java.util.List<String> ids = agent().queryParam("q", reference).get("/api/tickets").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        if (ids.size() != 1) {
            throw new AssertionError("Reference " + reference + " finds " + ids.size() + " tickets");
        }
        return ids.get(0);
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String type(ConsumerRecord<String, String> record) {
        return header(record, CloudEventHeaders.TYPE);
    }
}
