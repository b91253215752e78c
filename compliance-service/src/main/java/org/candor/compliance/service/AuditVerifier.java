package org.candor.compliance.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.config.AuditSigningKey;
import org.candor.compliance.domain.AuditCheckpoint;
import org.candor.compliance.domain.AuditEntry;

/**
 * Recomputes the audit chain from the first entry and reports the first broken link, then holds the chain against
 * its signed checkpoints: the chain cannot hash its way past them. A deleted last entry, or a rewritten chain
 * re-hashed from the rewrite on, links up perfectly; only the checkpoint, signed with a key that is not in the
 * database, shows that the chain is shorter than it was, or that an entry no longer has the hash that was signed.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1000;

    private final EntityManager entityManager;
    private final AuditCheckpoints checkpoints;
    private final AuditSigningKey key;

    AuditVerifier(EntityManager entityManager, AuditCheckpoints checkpoints, AuditSigningKey key) {
        this.entityManager = entityManager;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    /**
     * @param valid whether every entry links to the one before and its hash matches its content, the chain holds
     *        against every checkpoint that verifies, and no checkpoint signed with the configured key fails to verify
     * @param entries how many entries were checked
     * @param firstBrokenSeq the first entry that does not verify (for a truncated chain: the first missing one), or null
     * @param reason why, or null (the first of {@code reasons})
     * @param checkpoint the newest checkpoint that verifies (the one the chain's length is held against), or null
     * @param checkpointsVerified checkpoints signed with the configured key whose signature verifies
     * @param forgedCheckpoints ids of checkpoints that claim the configured key but whose signature does not verify
     * @param otherKeyCheckpoints checkpoints signed with another key (before a key change), not checked here
     * @param reasons every problem found, chain first
     */
    public record Verification(boolean valid, long entries, Long firstBrokenSeq, String reason, String headHash,
            AuditCheckpoints.Signed checkpoint, long checkpointsVerified, List<Long> forgedCheckpoints,
            long otherKeyCheckpoints, List<String> reasons) {
    }

    @Transactional
    public Verification verify() {
        List<String> reasons = new ArrayList<>();
        List<Long> forged = new ArrayList<>();
        Map<Long, AuditCheckpoint> bySeq = new HashMap<>();
        AuditCheckpoint newest = null;
        long otherKey = 0;
        for (AuditCheckpoint checkpoint : AuditCheckpoint.<AuditCheckpoint>list("order by id")) {
            if (!key.keyId().equals(checkpoint.keyId)) {
                otherKey++;
            } else if (!checkpoints.verifies(checkpoint)) {
                forged.add(checkpoint.id);
                reasons.add("checkpoint " + checkpoint.id + " of " + checkpoint.createdAt + " does not verify with"
                        + " the signing key " + key.keyId() + ": it was forged or altered");
            } else {
                bySeq.put(checkpoint.headSeq, checkpoint);
                if (newest == null || checkpoint.headSeq > newest.headSeq) {
                    newest = checkpoint;
                }
            }
        }
        AuditCheckpoints.Signed newestView = newest == null ? null : checkpoints.signed(newest);
        entityManager.clear();

        Walked walked = walk(bySeq);
        Long firstBroken = walked.firstBrokenSeq();
        if (walked.reason() != null) {
            reasons.add(0, walked.reason());
        }
        if (newest != null) {
            long lastSeq = walked.reason() == null ? walked.entries() : lastSeq();
            if (lastSeq < newest.headSeq) {
                String truncated = "entries " + (lastSeq + 1) + " to " + newest.headSeq + " are missing: checkpoint "
                        + newest.id + " of " + newest.createdAt + " signed " + newest.entryCount + " entries, the chain"
                        + " now ends at entry " + lastSeq;
                reasons.add(walked.reason() == null ? 0 : 1, truncated);
                if (firstBroken == null) {
                    firstBroken = lastSeq + 1;
                }
            }
        }
        return new Verification(reasons.isEmpty(), walked.entries(), firstBroken,
                reasons.isEmpty() ? null : reasons.get(0), reasons.isEmpty() ? walked.headHash() : null, newestView,
                bySeq.size(), List.copyOf(forged), otherKey, List.copyOf(reasons));
    }

    private record Walked(long entries, Long firstBrokenSeq, String reason, String headHash) {
    }

    /** The chain from its first entry: the first broken link, or an entry whose hash is not the one a checkpoint signed. */
    private Walked walk(Map<Long, AuditCheckpoint> checkpointsBySeq) {
        String previous = AuditLog.GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            // Keyset pages read in constant time however long the chain; the session is cleared after each page.
            List<AuditEntry> entries = AuditEntry.<AuditEntry>find("seq > ?1 order by seq", after).page(0, PAGE).list();
            entityManager.clear();
            if (entries.isEmpty()) {
                return new Walked(checked, null, null, previous);
            }
            after = entries.get(entries.size() - 1).seq;
            for (AuditEntry entry : entries) {
                long expectedSeq = checked + 1;
                String broken = brokenLink(entry, expectedSeq, previous);
                if (broken != null) {
                    return new Walked(checked, entry.seq != expectedSeq ? expectedSeq : entry.seq, broken, null);
                }
                AuditCheckpoint checkpoint = checkpointsBySeq.get(entry.seq);
                if (checkpoint != null && !checkpoint.headHash.equals(entry.hash)) {
                    return new Walked(checked, entry.seq, "entry " + entry.seq + " does not have the hash checkpoint "
                            + checkpoint.id + " of " + checkpoint.createdAt + " signed: the chain up to it was rewritten"
                            + " and hashed again", null);
                }
                previous = entry.hash;
                checked++;
            }
        }
    }

    private long lastSeq() {
        Long last = entityManager.createQuery("select max(e.seq) from AuditEntry e", Long.class).getSingleResult();
        return last == null ? 0 : last;
    }

    /** Why {@code entry} does not follow the entry with hash {@code previous} as entry {@code expectedSeq}, or null. */
    static String brokenLink(AuditEntry entry, long expectedSeq, String previous) {
        if (entry.seq != expectedSeq) {
            return "entry " + expectedSeq + " is missing (next entry is " + entry.seq + ")";
        }
        if (!entry.prevHash.equals(previous)) {
            return "its previous hash does not match the hash of entry " + (entry.seq - 1);
        }
        if (!AuditLog.hash(previous, entry).equals(entry.hash)) {
            return "its content does not match its hash";
        }
        return null;
    }

    /**
     * Up to {@code size} entries after {@code after}, in order, as copies the session does not manage: a walk inside
     * another use case's transaction (a filing's) neither fills nor clears that session.
     */
    static List<AuditEntry> detachedPage(EntityManager entityManager, long after, int size) {
        return entityManager.createQuery("select e.seq, e.occurredAt, e.actor, e.action, e.subject, e.details,"
                + " e.prevHash, e.hash from AuditEntry e where e.seq > :after order by e.seq", Object[].class)
                .setParameter("after", after).setMaxResults(size).getResultStream().map(row -> {
                    AuditEntry entry = new AuditEntry();
                    entry.seq = (Long) row[0];
                    entry.occurredAt = (java.time.Instant) row[1];
                    entry.actor = (String) row[2];
                    entry.action = (String) row[3];
                    entry.subject = (String) row[4];
                    entry.details = (String) row[5];
                    entry.prevHash = (String) row[6];
                    entry.hash = (String) row[7];
                    return entry;
                }).toList();
    }
}
