package org.candor.incident.service.publicstatus;

import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.candor.incident.domain.Incident;
import org.candor.incident.domain.OrganisationContact;
import org.candor.incident.domain.RecordCheckpoint;
import org.candor.incident.domain.StatusUpdate;
import org.hibernate.Interceptor;
import org.hibernate.type.Type;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Notices, as Hibernate flushes, a change to something the status page shows (a status update, the record
 * checkpoint, the organisation's hotline, or an incident's title, summaries, data categories, detection time or phase) and, once that transaction
 * has committed, tells {@link PublicStatusVersion}: the replica that made the change serves it on the
 * very next request. Other replicas learn of it from the version the database triggers keep.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class PublicStatusChanges implements Interceptor {

    private static final Set<String> PUBLIC_INCIDENT_FIELDS = Set.of("title", "summaries", "dataCategories",
            "detectedAt", "phase");
    private static final Object KEY = PublicStatusChanges.class;

    private final TransactionSynchronizationRegistry transactions;
    private final PublicStatusVersion version;

    PublicStatusChanges(TransactionSynchronizationRegistry transactions, PublicStatusVersion version) {
        this.transactions = transactions;
        this.version = version;
    }

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        if (entity instanceof StatusUpdate || entity instanceof RecordCheckpoint || entity instanceof OrganisationContact) {
            afterCommit();
        }
        return false;
    }

    @Override
    public boolean onFlushDirty(Object entity, Object id, Object[] currentState, Object[] previousState,
            String[] propertyNames, Type[] types) {
        if (entity instanceof StatusUpdate || entity instanceof RecordCheckpoint || entity instanceof OrganisationContact) {
            afterCommit();
        } else if (entity instanceof Incident && previousState != null) {
            for (int i = 0; i < propertyNames.length; i++) {
                if (PUBLIC_INCIDENT_FIELDS.contains(propertyNames[i]) && !Objects.equals(currentState[i], previousState[i])) {
                    afterCommit();
                    break;
                }
            }
        }
        return false;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        if (entity instanceof StatusUpdate || entity instanceof OrganisationContact) {
            afterCommit();
        }
    }

    private void afterCommit() {
        if (transactions.getTransactionKey() == null || transactions.getResource(KEY) != null) {
            return;
        }
        transactions.putResource(KEY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    version.changedHere();
                }
            }
        });
    }
}
