package org.candor.incident.service.publicstatus;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.incident.domain.RecordCheckpoint;

/** Keeps the latest checkpoint of compliance-service's audit chain for the status page. */
@ApplicationScoped
public class RecordCheckpoints {

    /**
     * Keeps {@code checkpoint} unless a later one (a higher head, or the same head checkpointed again later) is
     * kept already: checkpoints arriving late or twice never move the page back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditCheckpointed checkpoint, Instant receivedAt) {
        RecordCheckpoint kept = RecordCheckpoint.findById(RecordCheckpoint.ID, LockModeType.PESSIMISTIC_WRITE);
        if (kept != null && (kept.headSeq > checkpoint.headSeq()
                || (kept.headSeq == checkpoint.headSeq() && kept.checkpointId >= checkpoint.checkpointId()))) {
            return;
        }
        RecordCheckpoint latest = kept == null ? new RecordCheckpoint() : kept;
        latest.checkpointId = checkpoint.checkpointId();
        latest.headSeq = checkpoint.headSeq();
        latest.entries = checkpoint.entries();
        latest.headHash = checkpoint.headHash();
        latest.checkpointedAt = checkpoint.checkpointedAt();
        latest.keyId = checkpoint.keyId();
        latest.signature = checkpoint.signature();
        latest.receivedAt = receivedAt;
        if (kept == null) {
            latest.persist();
        }
    }

    /** The latest checkpoint as the public sees it, if compliance-service has published one. */
    public Optional<PublicIncident.RecordCheckpoint> latest() {
        return RecordCheckpoint.<RecordCheckpoint>findByIdOptional(RecordCheckpoint.ID)
                .map(kept -> PublicIncident.RecordCheckpoint.of(kept.headHash, kept.checkpointedAt, kept.entries));
    }
}
