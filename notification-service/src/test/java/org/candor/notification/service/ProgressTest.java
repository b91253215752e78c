package org.candor.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.notification.NotificationCompleted;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class ProgressTest {

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void countsAndCompletionEventOfAnUpdate() throws Exception {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT);
        String[] ids = {uniqueId("P1"), uniqueId("P2"), uniqueId("P3")};
        affect(incident, customer(ids[0], "en", "GB", true, true));
        affect(incident, customer(ids[1], "de", "DE", true, false));
        affect(incident, customer(ids[2], "de", "DE", false, true));
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.count("id in ?1", java.util.List.of(ids))) == 3);

        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        ConsumerRecord<String, String> completed = TestKafka.awaitRecord(Topics.NOTIFICATION_EVENTS,
                r -> NotificationCompleted.TYPE.equals(type(r)) && r.value().contains(incident.toString()), WAIT);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(completed.value());
        assertThat(json.get("total").asLong()).isEqualTo(4);
        assertThat(json.get("sent").asLong()).isEqualTo(4);
        assertThat(json.get("failed").asLong()).isZero();
        assertThat(json.get("recipients").asLong()).isEqualTo(3);
        assertThat(json.get("reached").asLong()).isEqualTo(3);
        assertThat(json.get("messageType").asText()).isEqualTo("breach-notice");
        given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER))
                .queryParam("incidentId", incident.toString())
                .get("/api/messages")
                .then().statusCode(200)
                .body("[0].total", equalTo(4)).body("[0].sent", equalTo(4)).body("[0].pending", equalTo(0))
                .body("[0].audience", equalTo("AFFECTED"));
    }

    private static String type(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("ce_type");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
