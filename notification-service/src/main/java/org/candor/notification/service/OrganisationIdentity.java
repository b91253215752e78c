package org.candor.notification.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Organisation;
import org.candor.platform.tx.TransactionHooks;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Who the organisation is in every customer message: the legal name, the data-protection officer's contact and the
 * hotline of compliance-service's organisation profile ({@code candor.compliance.organisation}), kept in the
 * {@code organisation} table. Until the first profile has arrived, the configured
 * {@code candor.notification.organisation} and {@code dpo-contact} are used (and no hotline): production requires
 * both, so that no message of the first day is signed with a demo name.
 *
 * <p>Templates are rendered once per identity and served from memory, so the identity is read from memory too: the
 * replica that applies an event uses it as soon as that commits, the others within
 * {@code candor.notification.organisation-check-interval}.
 */
@ApplicationScoped
public class OrganisationIdentity {

    /**
     * The identity messages are rendered with.
     *
     * @param dpo the DPO's email address (or the configured contact)
     * @param dpoPhone the DPO's phone number, or null
     * @param hotline the public hotline, or null
     * @param supportHours when the hotline is staffed, a short text per language; empty when not known
     */
    public record Identity(String name, String dpo, String dpoPhone, String hotline, Map<String, String> supportHours,
            boolean fromProfile) {

        /** The support hours in {@code language}, else English, else none. */
        public String supportHours(String language) {
            String hours = supportHours.get(language);
            return hours != null ? hours : supportHours.get(MessageCatalog.FALLBACK_LANGUAGE);
        }
    }

    private static final Object REFRESH_KEY = new Object();

    private final NotificationConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final AtomicReference<Identity> current = new AtomicReference<>();

    OrganisationIdentity(NotificationConfig config, TransactionSynchronizationRegistry transactions) {
        this.config = config;
        this.transactions = transactions;
    }

    /** The current identity. */
    public Identity current() {
        Identity identity = current.get();
        return identity != null ? identity : refresh();
    }

    /**
     * Keeps the profile's identity unless a later one is kept already (events arriving late or twice never move
     * messages back to an older name); runs inside the consumer's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(OrganisationProfileChanged event, Instant receivedAt) {
        Organisation kept = Organisation.findById(Organisation.ID, LockModeType.PESSIMISTIC_WRITE);
        if (kept != null && kept.changedAt.isAfter(event.changedAt())) {
            Log.infof("Organisation profile of %s is older than the one kept (%s); ignored", event.changedAt(),
                    kept.changedAt);
            return;
        }
        Organisation organisation = kept == null ? new Organisation() : kept;
        organisation.legalName = event.legalName();
        organisation.dpoName = event.dpo().name();
        organisation.dpoEmail = event.dpo().email();
        organisation.dpoPhone = event.dpo().phone();
        organisation.hotline = event.hotline();
        organisation.supportHours = event.supportHours() == null ? Map.of() : Map.copyOf(event.supportHours());
        organisation.changedAt = event.changedAt();
        organisation.receivedAt = receivedAt;
        if (kept == null) {
            organisation.persist();
        }
        TransactionHooks.afterCommit(transactions, REFRESH_KEY, this::refresh);
        Log.infof("Organisation identity of %s recorded", event.changedAt());
    }

    /** Reads the identity from the database, so that a change another replica applied is used here too. */
    @Scheduled(every = "${candor.notification.organisation-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            refresh();
        } catch (RuntimeException e) {
            Log.warnf("The organisation identity could not be read (%s); the last one is used",
                    e.getClass().getSimpleName());
        }
    }

    /** Reads the kept identity (or the configured one when none is kept) and uses it from now on. */
    public Identity refresh() {
        Organisation kept = QuarkusTransaction.requiringNew().call(() -> Organisation.findById(Organisation.ID));
        Identity identity = kept == null
                ? new Identity(config.organisation(), config.dpoContact(), null, null, Map.of(), false)
                : new Identity(kept.legalName, kept.dpoEmail, kept.dpoPhone, kept.hotline, Map.copyOf(kept.supportHours),
                        true);
        current.set(identity);
        return identity;
    }
}
