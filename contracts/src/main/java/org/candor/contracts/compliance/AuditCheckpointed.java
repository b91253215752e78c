package org.candor.contracts.compliance;

import java.time.Instant;

import org.candor.contracts.CandorEvent;

/**
 * compliance-service signed a checkpoint of its audit chain: the statement
 * {@code candor-audit-checkpoint v1\n<entries>\n<headSeq>\n<headHash>\n<checkpointedAt>} signed with the key
 * {@code keyId} (SHA-256 of its public key), the signature in base64. Published for every checkpoint, so the
 * record's state at that time is held outside compliance-service's database. No personal data.
 */
public record AuditCheckpointed(long checkpointId, long headSeq, long entries, String headHash, Instant checkpointedAt,
        String algorithm, String keyId, String signature) implements CandorEvent {

    public static final String TYPE = "candor.compliance.audit-checkpointed.v1";
    /** The one audit chain: every checkpoint has this key, so they stay in order. */
    public static final String CHAIN = "compliance-audit-chain";

    @Override
    public String aggregateId() {
        return CHAIN;
    }
}
