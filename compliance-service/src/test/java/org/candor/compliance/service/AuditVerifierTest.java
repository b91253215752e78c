package org.candor.compliance.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.compliance.Fixtures;
import org.candor.compliance.domain.AuditEntry;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class AuditVerifierTest {

    @Inject
    AuditLog audit;

    @Inject
    EntityManager entityManager;

    @Test
    void everyChangeIsChainedAndTheChainVerifies() {
        Fixtures.profile();

        given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("firstBrokenSeq", org.hamcrest.Matchers.nullValue());
        AuditEntry last = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find("order by seq desc").firstResult());
        assertThat(last.action).isEqualTo("profile.replaced");
        assertThat(last.details).doesNotContain(Fixtures.DPO_EMAIL);
    }

    @Test
    void editingARowDirectlyInTheDatabaseBreaksTheChainThere() {
        long seq = QuarkusTransaction.requiringNew().call(() -> audit.append("tester", "test.entry", "test",
                Map.of("amount", 100)).seq);
        QuarkusTransaction.requiringNew().call(() -> audit.append("tester", "test.entry", "test", Map.of("amount", 200)));
        String original = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>findById(seq).details);
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("update audit_entry set details = '{\"amount\":1}' where seq = :seq")
                    .setParameter("seq", seq).executeUpdate());

            given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq))
                    .body("reason", equalTo("its content does not match its hash"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("update audit_entry set details = :details where seq = :seq")
                    .setParameter("details", original).setParameter("seq", seq).executeUpdate());
        }
        given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void rewritingARowWithAFreshHashStillBreaksTheNextLink() {
        long seq = QuarkusTransaction.requiringNew().call(() -> audit.append("tester", "test.entry", "test",
                Map.of("amount", 100)).seq);
        QuarkusTransaction.requiringNew().call(() -> audit.append("tester", "test.entry", "test", Map.of("amount", 200)));
        AuditEntry original = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>findById(seq));
        String forgedDetails = "{\"amount\":1}";
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                AuditEntry forged = AuditEntry.findById(seq);
                forged.details = forgedDetails;
                forged.hash = AuditLog.hash(forged.prevHash, forged);
            });

            given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then()
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq + 1));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                AuditEntry restored = AuditEntry.findById(seq);
                restored.details = original.details;
                restored.hash = original.hash;
            });
        }
    }
}
