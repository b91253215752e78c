package org.candor.compliance.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.config.AuditSigningKey;
import org.candor.compliance.domain.AuditCheckpoint;
import org.candor.compliance.domain.AuditEntry;
import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Signed checkpoints of the audit chain: at least every {@code candor.compliance.audit.checkpoint-interval} while
 * the chain grows, and in the transaction of every filing. Each signs the statement
 * <pre>
 * candor-audit-checkpoint v1
 * &lt;number of entries&gt;
 * &lt;seq of the head entry&gt;
 * &lt;hash of the head entry&gt;
 * &lt;time, ISO-8601 UTC, whole seconds&gt;
 * </pre>
 * (lines joined by {@code \n}, no final line break) with the key of {@link AuditSigningKey}. Each is published as
 * {@code candor.compliance.audit-checkpointed.v1}, in the breach register export and in the Art. 33 draft, where
 * whoever administers the database cannot take it back.
 */
@ApplicationScoped
public class AuditCheckpoints {

    /** The first line of every statement; it changes only with the statement's form. */
    public static final String STATEMENT_V1 = "candor-audit-checkpoint v1";
    /** How many of the newest checkpoints are tried for one that verifies. */
    private static final int RECENT = 100;
    private static final int PAGE = 1000;

    private final AuditLog audit;
    private final AuditSigningKey key;
    private final Outbox outbox;
    private final EntityManager entityManager;

    AuditCheckpoints(AuditLog audit, AuditSigningKey key, Outbox outbox, EntityManager entityManager) {
        this.audit = audit;
        this.key = key;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    /**
     * A checkpoint as published.
     *
     * @param statement the exact text that was signed (UTF-8)
     * @param line what the status page shows: {@code record checkpoint: <hash>, <time>}
     * @param verified whether the signature verifies with the configured key (false for a forged one or another key)
     */
    public record Signed(long id, long headSeq, long entries, String headHash, Instant createdAt, String algorithm,
            String keyId, String signature, String statement, String line, boolean verified) {
    }

    /** The text a checkpoint signs. */
    public static String statement(long entries, long headSeq, String headHash, Instant createdAt) {
        return String.join("\n", STATEMENT_V1, Long.toString(entries), Long.toString(headSeq), headHash,
                createdAt.toString());
    }

    public static String statement(AuditCheckpoint checkpoint) {
        return statement(checkpoint.entryCount, checkpoint.headSeq, checkpoint.headHash, checkpoint.createdAt);
    }

    /** The line the public status page shows. */
    public static String line(String headHash, Instant createdAt) {
        return "record checkpoint: " + headHash + ", " + createdAt;
    }

    @Scheduled(every = "{candor.compliance.audit.checkpoint-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            checkpointIfChanged();
        } catch (RuntimeException e) {
            Log.errorf(e, "The scheduled audit checkpoint failed; it is taken at the next interval");
        }
    }

    /** What the schedule runs, in a transaction of its own: a checkpoint, unless the chain is as last signed. */
    public Optional<Signed> checkpointIfChanged() {
        return QuarkusTransaction.requiringNew().call(() -> take(Instant.now()));
    }

    /**
     * Checkpoints the chain's head inside the caller's transaction (a filing's, after its entries) unless the newest
     * checkpoint signed with this key has that head already. Only a chain that still links to that checkpoint is
     * signed, so a checkpoint never vouches for a rewritten stretch; a broken one is left for {@code /api/audit/verify}
     * to report and nothing is signed until it is repaired.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Signed> take(Instant now) {
        // Every append holds this lock: the head read below stays the head until the transaction ends.
        audit.lockChain();
        AuditEntry head = AuditEntry.<AuditEntry>find("order by seq desc").firstResult();
        if (head == null) {
            return Optional.empty();
        }
        AuditCheckpoint last = latestVerified().orElse(null);
        if (last != null && last.headSeq == head.seq && last.headHash.equals(head.hash)) {
            return Optional.empty();
        }
        Walk walk = walkSince(last);
        if (walk.problem() != null) {
            Log.errorf("The audit chain is not checkpointed: %s; GET /api/audit/verify reports it", walk.problem());
            return Optional.empty();
        }
        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.headSeq = walk.headSeq();
        checkpoint.entryCount = walk.entries();
        checkpoint.headHash = walk.headHash();
        checkpoint.createdAt = now.truncatedTo(ChronoUnit.SECONDS);
        checkpoint.keyId = key.keyId();
        checkpoint.signature = key.sign(statement(checkpoint));
        checkpoint.persist();
        outbox.record(new AuditCheckpointed(checkpoint.id, checkpoint.headSeq, checkpoint.entryCount,
                checkpoint.headHash, checkpoint.createdAt, AuditSigningKey.ALGORITHM, checkpoint.keyId,
                checkpoint.signature), now);
        Log.infof("Audit chain checkpoint %d: %d entries, head %s", checkpoint.id, checkpoint.entryCount,
                checkpoint.headHash);
        return Optional.of(signed(checkpoint));
    }

    /** The newest checkpoint whose signature verifies with the configured key, for the register and the reports. */
    @Transactional
    public Optional<Signed> latest() {
        return latestVerified().map(this::signed);
    }

    /** The newest checkpoints first, each with whether it verifies. */
    @Transactional
    public List<Signed> list(int limit) {
        return AuditCheckpoint.<AuditCheckpoint>find("order by id desc").page(0, limit).list().stream()
                .map(this::signed).toList();
    }

    /** Whether the checkpoint is signed with the configured key and its signature verifies. */
    public boolean verifies(AuditCheckpoint checkpoint) {
        return key.keyId().equals(checkpoint.keyId) && key.verifies(statement(checkpoint), checkpoint.signature);
    }

    /** The newest checkpoint (highest head) signed with the configured key whose signature verifies. */
    Optional<AuditCheckpoint> latestVerified() {
        return AuditCheckpoint.<AuditCheckpoint>find("keyId = ?1 order by headSeq desc, id desc", key.keyId())
                .page(0, RECENT).stream().filter(this::verifies).findFirst();
    }

    Signed signed(AuditCheckpoint checkpoint) {
        return new Signed(checkpoint.id, checkpoint.headSeq, checkpoint.entryCount, checkpoint.headHash,
                checkpoint.createdAt, AuditSigningKey.ALGORITHM, checkpoint.keyId, checkpoint.signature,
                statement(checkpoint), line(checkpoint.headHash, checkpoint.createdAt), verifies(checkpoint));
    }

    /** The chain from the last checkpoint (or the first entry) to its head: how many entries, or what is broken. */
    private record Walk(long entries, long headSeq, String headHash, String problem) {
    }

    private Walk walkSince(AuditCheckpoint last) {
        long after = 0;
        long entries = 0;
        String previous = AuditLog.GENESIS;
        if (last != null) {
            List<AuditEntry> at = AuditVerifier.detachedPage(entityManager, last.headSeq - 1, 1);
            if (at.isEmpty() || at.get(0).seq != last.headSeq) {
                return new Walk(0, 0, null, "entry " + last.headSeq + ", the head of checkpoint " + last.id + ", is missing");
            }
            if (!at.get(0).hash.equals(last.headHash)) {
                return new Walk(0, 0, null, "entry " + last.headSeq + " no longer has the hash checkpoint " + last.id
                        + " signed");
            }
            after = last.headSeq;
            entries = last.entryCount;
            previous = last.headHash;
        }
        while (true) {
            List<AuditEntry> page = AuditVerifier.detachedPage(entityManager, after, PAGE);
            if (page.isEmpty()) {
                return new Walk(entries, after, previous, null);
            }
            for (AuditEntry entry : page) {
                String broken = AuditVerifier.brokenLink(entry, after + 1, previous);
                if (broken != null) {
                    return new Walk(0, 0, null, "entry " + (after + 1) + ": " + broken);
                }
                previous = entry.hash;
                after = entry.seq;
                entries++;
            }
        }
    }
}
