package org.candor.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Map;

import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.notification.domain.Organisation;
import org.candor.notification.service.OrganisationIdentity;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The organisation profile as compliance-service publishes it, and the way back to the configured identity. */
public final class Organisations {

    private Organisations() {
    }

    /** Publishes a profile and waits until messages are rendered with it. */
    public static OrganisationProfileChanged profile(OrganisationIdentity identity, String legalName, String dpoEmail,
            String hotline, Map<String, String> supportHours) {
        OrganisationProfileChanged event = new OrganisationProfileChanged(legalName,
                new OrganisationProfileChanged.Dpo("Dana Schutz", dpoEmail, "+4930123456"), hotline, supportHours,
                Instant.now());
        Fixtures.send(event);
        await().atMost(Fixtures.WAIT).until(() -> identity.current().name().equals(legalName));
        return event;
    }

    /** Forgets the profile: the configured identity is used again, as before the first profile arrived. */
    public static void none(OrganisationIdentity identity) {
        QuarkusTransaction.requiringNew().run(() -> Organisation.deleteById(Organisation.ID));
        identity.refresh();
    }
}
