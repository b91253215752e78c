package org.candor.compliance.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.AuditEntry;

/** Recomputes the audit chain from the first entry and reports the first broken link. */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1000;

    private final EntityManager entityManager;

    AuditVerifier(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * @param valid whether every entry links to the one before and its hash matches its content
     * @param entries how many entries were checked
     * @param firstBrokenSeq the first entry that does not verify, or null
     * @param reason why it does not, or null
     */
    public record Verification(boolean valid, long entries, Long firstBrokenSeq, String reason, String headHash) {
    }

    @Transactional
    public Verification verify() {
        String previous = AuditLog.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        long after = 0;
        while (true) {
            // Keyset pages read in constant time however long the chain; the session is cleared after each page.
            List<AuditEntry> entries = AuditEntry.<AuditEntry>find("seq > ?1 order by seq", after).page(0, PAGE).list();
            entityManager.clear();
            if (!entries.isEmpty()) {
                after = entries.get(entries.size() - 1).seq;
            }
            if (entries.isEmpty()) {
                return new Verification(true, checked, null, null, previous);
            }
            for (AuditEntry entry : entries) {
                if (entry.seq != expectedSeq) {
                    return new Verification(false, checked, expectedSeq,
                            "entry " + expectedSeq + " is missing (next entry is " + entry.seq + ")", null);
                }
                if (!entry.prevHash.equals(previous)) {
                    return new Verification(false, checked, entry.seq,
                            "its previous hash does not match the hash of entry " + (entry.seq - 1), null);
                }
                if (!AuditLog.hash(previous, entry).equals(entry.hash)) {
                    return new Verification(false, checked, entry.seq, "its content does not match its hash", null);
                }
                previous = entry.hash;
                expectedSeq++;
                checked++;
            }
        }
    }
}
