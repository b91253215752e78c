package org.candor.compliance.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.compliance.Fixtures;
import org.candor.compliance.config.AuditSigningKey;
import org.candor.compliance.domain.AuditCheckpoint;
import org.candor.compliance.domain.AuditEntry;
import org.candor.contracts.Topics;
import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The audit chain held against its signed checkpoints. Tampering is done the way someone with write access to the
 * database would do it, inside a transaction that holds the chain's lock and is rolled back after the verification
 * has seen it, so nothing else appends meanwhile and nothing is left behind for other tests.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class AuditCheckpointTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    AuditLog audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditSigningKey key;

    @Inject
    EntityManager entityManager;

    /** Runs {@code work} in a transaction that is rolled back afterwards, whatever it did. */
    private static <T> T rolledBack(java.util.function.Supplier<T> work) {
        QuarkusTransaction.begin();
        try {
            return work.get();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void anIntactChainHoldsAgainstItsCheckpointAndAnOutsiderCanVerifyTheSignature() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> audit.append("tester", "test.entry", "test", Map.of("n", 1)));
        AuditCheckpoints.Signed taken = checkpoints.checkpointIfChanged().orElseThrow();

        JsonPath verification = given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().statusCode(200)
                .extract().jsonPath();
        assertThat(verification.getBoolean("valid")).isTrue();
        assertThat(verification.getList("reasons")).isEmpty();
        assertThat(verification.getList("forgedCheckpoints")).isEmpty();
        assertThat(verification.getLong("checkpointsVerified")).isPositive();
        assertThat(verification.getLong("checkpoint.headSeq")).isGreaterThanOrEqualTo(taken.headSeq());

        // What a regulator does with the published checkpoint and the public key, with nothing but the JDK.
        JsonPath listed = given().auth().oauth2(Fixtures.officer()).get("/api/audit/checkpoints?limit=500").then()
                .statusCode(200).extract().jsonPath();
        String statement = listed.getString("find { it.id == " + taken.id() + " }.statement");
        String signature = listed.getString("find { it.id == " + taken.id() + " }.signature");
        assertThat(statement).isEqualTo("candor-audit-checkpoint v1\n" + taken.entries() + "\n" + taken.headSeq() + "\n"
                + taken.headHash() + "\n" + taken.createdAt());
        String pem = given().auth().oauth2(Fixtures.officer()).get("/api/audit/public-key").then().statusCode(200)
                .extract().asString();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""))));
        Signature verifying = Signature.getInstance("Ed25519");
        verifying.initVerify(publicKey);
        verifying.update(statement.getBytes(StandardCharsets.UTF_8));
        assertThat(verifying.verify(Base64.getDecoder().decode(signature))).isTrue();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded())))
                .isEqualTo(taken.keyId());
    }

    @Test
    void deletingTheLastEntryIsDetectedAgainstTheSignedCheckpoint() {
        record Seen(AuditCheckpoints.Signed checkpoint, AuditVerifier.Verification verification) {
        }
        Seen seen = rolledBack(() -> {
            audit.lockChain();
            audit.append("tester", "test.entry", "test", Map.of("n", 1));
            AuditCheckpoints.Signed checkpoint = checkpoints.take(Instant.now()).orElseThrow();
            entityManager.createNativeQuery("delete from audit_entry where seq = :seq")
                    .setParameter("seq", checkpoint.headSeq()).executeUpdate();
            AuditVerifier.Verification verification = verifier.verify();
            return new Seen(checkpoint, verification);
        });

        assertThat(seen.verification().valid()).isFalse();
        // Without the checkpoint nothing would show: the shorter chain links up perfectly.
        assertThat(seen.verification().entries()).isEqualTo(seen.checkpoint().headSeq() - 1);
        assertThat(seen.verification().firstBrokenSeq()).isEqualTo(seen.checkpoint().headSeq());
        assertThat(seen.verification().reasons()).containsExactly("entries " + seen.checkpoint().headSeq() + " to "
                + seen.checkpoint().headSeq() + " are missing: checkpoint " + seen.checkpoint().id() + " of "
                + seen.checkpoint().createdAt() + " signed " + seen.checkpoint().entries()
                + " entries, the chain now ends at entry " + (seen.checkpoint().headSeq() - 1));
        assertThat(seen.verification().reason()).isEqualTo(seen.verification().reasons().get(0));
    }

    @Test
    void aChainRewrittenAndHashedAgainIsDetectedAgainstTheSignedCheckpoint() {
        record Seen(AuditCheckpoints.Signed checkpoint, AuditVerifier.Verification verification) {
        }
        Seen seen = rolledBack(() -> {
            audit.lockChain();
            long rewritten = audit.append("tester", "test.entry", "test", Map.of("amount", 100)).seq;
            audit.append("tester", "test.entry", "test", Map.of("amount", 200));
            AuditCheckpoints.Signed checkpoint = checkpoints.take(Instant.now()).orElseThrow();
            entityManager.flush();
            entityManager.clear();
            // Change one entry, then hash it and every entry after it again: every link holds.
            String previous = AuditEntry.<AuditEntry>findById(rewritten).prevHash;
            for (long seq = rewritten; seq <= checkpoint.headSeq(); seq++) {
                AuditEntry entry = AuditEntry.findById(seq);
                if (seq == rewritten) {
                    entry.details = "{\"amount\":1}";
                }
                entry.prevHash = previous;
                entry.hash = AuditLog.hash(previous, entry);
                previous = entry.hash;
            }
            entityManager.flush();
            AuditVerifier.Verification verification = verifier.verify();
            return new Seen(checkpoint, verification);
        });

        assertThat(seen.verification().valid()).isFalse();
        assertThat(seen.verification().firstBrokenSeq()).isEqualTo(seen.checkpoint().headSeq());
        assertThat(seen.verification().reasons()).containsExactly("entry " + seen.checkpoint().headSeq()
                + " does not have the hash checkpoint " + seen.checkpoint().id() + " of " + seen.checkpoint().createdAt()
                + " signed: the chain up to it was rewritten and hashed again");
    }

    @Test
    void aMissingEntryInsideTheChainIsAGap() {
        record Seen(long missing, AuditVerifier.Verification verification) {
        }
        Seen seen = rolledBack(() -> {
            audit.lockChain();
            audit.append("tester", "test.entry", "test", Map.of("n", 1));
            long missing = audit.append("tester", "test.entry", "test", Map.of("n", 2)).seq;
            audit.append("tester", "test.entry", "test", Map.of("n", 3));
            entityManager.flush();
            entityManager.createNativeQuery("delete from audit_entry where seq = :seq").setParameter("seq", missing)
                    .executeUpdate();
            AuditVerifier.Verification verification = verifier.verify();
            return new Seen(missing, verification);
        });

        assertThat(seen.verification().valid()).isFalse();
        assertThat(seen.verification().firstBrokenSeq()).isEqualTo(seen.missing());
        assertThat(seen.verification().reason())
                .isEqualTo("entry " + seen.missing() + " is missing (next entry is " + (seen.missing() + 1) + ")");
    }

    @Test
    void aCheckpointWithAForgedSignatureIsReported() throws Exception {
        AuditEntry head = QuarkusTransaction.requiringNew().call(() -> audit.append("tester", "test.entry", "test",
                Map.of("n", 1)));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Written straight into the table, claiming the service's key, signed with a key of the forger's own.
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signing = Signature.getInstance("Ed25519");
        signing.initSign(forger.getPrivate());
        signing.update(AuditCheckpoints.statement(head.seq, head.seq, head.hash, at).getBytes(StandardCharsets.UTF_8));
        String forgedSignature = Base64.getEncoder().encodeToString(signing.sign());
        long forged = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                insert into audit_checkpoint (head_seq, entry_count, head_hash, created_at, key_id, signature)
                values (:seq, :seq, :hash, :at, :key, :signature) returning id""")
                .setParameter("seq", head.seq).setParameter("hash", head.hash).setParameter("at", at)
                .setParameter("key", key.keyId()).setParameter("signature", forgedSignature).getSingleResult()).longValue());
        try {
            given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("forgedCheckpoints", hasItem((int) forged))
                    .body("reasons", hasItem("checkpoint " + forged + " of " + at + " does not verify with the signing key "
                            + key.keyId() + ": it was forged or altered"));
            assertThat(checkpoints.latest()).map(AuditCheckpoints.Signed::id).isNotEqualTo(Optional.of(forged));
            given().auth().oauth2(Fixtures.officer()).get("/api/audit/checkpoints").then().statusCode(200)
                    .body("find { it.id == " + forged + " }.verified", equalTo(false));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("delete from audit_checkpoint where id = :id").setParameter("id", forged)
                    .executeUpdate());
        }
        given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void aFilingIsCheckpointedInItsOwnTransactionAndTheCheckpointIsPublished() {
        Fixtures.profile();
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        Fixtures.awaitObligation(incident, "NIS2_EARLY_WARNING");
        long before = QuarkusTransaction.requiringNew().call(() -> AuditCheckpoint.count());

        String filingId = given().auth().oauth2(Fixtures.officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"channel\":\"BSI portal\","
                        + "\"reference\":\"BSI-2026-1\",\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + Fixtures.obligation(incident, "NIS2_EARLY_WARNING").get("id") + "/filings")
                .then().statusCode(201).extract().jsonPath().getString("id");

        AuditEntry filed = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find(
                "action = ?1 and subject = ?2", "filing.recorded", "filing/" + filingId).singleResult());
        List<AuditCheckpoint> taken = QuarkusTransaction.requiringNew().call(() -> AuditCheckpoint
                .<AuditCheckpoint>list("order by id"));
        assertThat(taken).hasSize((int) before + 1);
        AuditCheckpoint checkpoint = taken.get(taken.size() - 1);
        // After the filing's entry (and those its transaction wrote after it: the obligation filed, the trigger).
        assertThat(checkpoint.headSeq).isGreaterThan(filed.seq);
        assertThat(checkpoints.verifies(checkpoint)).isTrue();

        ConsumerRecord<String, String> published = TestKafka.awaitRecord(Topics.COMPLIANCE_AUDIT,
                record -> Fixtures.json(record.value()).path("checkpointId").asLong() == checkpoint.id,
                Duration.ofSeconds(30));
        assertThat(published.key()).isEqualTo(AuditCheckpointed.CHAIN);
        assertThat(new String(published.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(AuditCheckpointed.TYPE);
        assertThat(Fixtures.json(published.value()).path("headHash").asText()).isEqualTo(checkpoint.headHash);
        assertThat(Fixtures.json(published.value()).path("signature").asText()).isEqualTo(checkpoint.signature);
    }

    @Test
    void theScheduledCheckpointIsSkippedWhileNothingChanged() {
        QuarkusTransaction.requiringNew().run(() -> audit.append("tester", "test.entry", "test", Map.of("n", 1)));
        AuditCheckpoints.Signed first = checkpoints.checkpointIfChanged().orElseThrow();
        long count = QuarkusTransaction.requiringNew().call(() -> AuditCheckpoint.count());

        assertThat(checkpoints.checkpointIfChanged()).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditCheckpoint.count())).isEqualTo(count);

        QuarkusTransaction.requiringNew().run(() -> audit.append("tester", "test.entry", "test", Map.of("n", 2)));
        AuditCheckpoints.Signed next = checkpoints.checkpointIfChanged().orElseThrow();
        assertThat(next.headSeq()).isGreaterThan(first.headSeq());
        assertThat(next.entries()).isEqualTo(next.headSeq());
    }
}
