package org.candor.compliance.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.AuditEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The tamper-evident record of every change this service makes: each entry's hash is SHA-256 over the
 * previous entry's hash and the entry's canonical form, so editing or deleting any entry breaks the chain
 * from there on.
 */
@ApplicationScoped
public class AuditLog {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** Serialises appends across replicas: one chain, one writer at a time. */
    static final long CHAIN_LOCK = 0x436f6d706c41756eL;
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final EntityManager entityManager;

    AuditLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Appends an entry inside the caller's transaction: it exists only if the change commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(String actor, String action, String subject, Map<String, ?> details) {
        lockChain();
        AuditEntry last = AuditEntry.<AuditEntry>find("order by seq desc").firstResult();
        AuditEntry entry = new AuditEntry();
        entry.seq = last == null ? 1 : last.seq + 1;
        // The database keeps microseconds; hash exactly what it will give back.
        entry.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.actor = actor;
        entry.action = action;
        entry.subject = subject;
        entry.details = canonicalJson(details);
        entry.prevHash = last == null ? GENESIS : last.hash;
        entry.hash = hash(entry.prevHash, entry);
        entry.persist();
        return entry;
    }

    /**
     * Takes the chain's lock until the caller's transaction ends. Every change is audited, so every other
     * transaction that changed something has committed once this returns: a read after it is current.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockChain() {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", CHAIN_LOCK)
                .getSingleResult();
    }

    /** SHA-256 (hex) over the previous hash and the entry's canonical form. */
    public static String hash(String prevHash, AuditEntry entry) {
        String canonical = String.join("\n", prevHash, Long.toString(entry.seq), entry.occurredAt.toString(),
                entry.actor, entry.action, entry.subject, entry.details);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** SHA-256 (hex) of a text, e.g. the sorted ids an entry commits to. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String canonicalJson(Map<String, ?> details) {
        Map<String, Object> sorted = new TreeMap<>();
        details.forEach((key, value) -> sorted.put(key, value == null ? null : value instanceof Number
                || value instanceof Boolean || value instanceof Map || value instanceof java.util.Collection
                ? value : value.toString()));
        try {
            return CANONICAL.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details cannot be serialised", e);
        }
    }
}
