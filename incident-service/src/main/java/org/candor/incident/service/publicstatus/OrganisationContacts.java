package org.candor.incident.service.publicstatus;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.incident.config.IncidentConfig;
import org.candor.incident.domain.OrganisationContact;

/**
 * How the public reaches the organisation, for the status page: the hotline and its support hours of
 * compliance-service's organisation profile, or the configured {@code candor.incident.support.hotline} (with no hours)
 * until a profile has arrived, or when the profile gives no hotline.
 */
@ApplicationScoped
public class OrganisationContacts {

    /**
     * The contact the page shows.
     *
     * @param hotline as written, e.g. {@code +49 800 1234567}
     * @param supportHours when the hotline is staffed in the page's language, or null when not known
     */
    public record Contact(String hotline, String supportHours) {

        /** The number for a {@code tel:} link. */
        public String tel() {
            return hotline.replaceAll("[^+0-9]", "");
        }
    }

    private final IncidentConfig config;

    OrganisationContacts(IncidentConfig config) {
        this.config = config;
    }

    /**
     * Keeps the profile's contact unless a later one is kept already (events arriving late or twice never move the
     * page back); runs inside the consumer's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(OrganisationProfileChanged event, Instant receivedAt) {
        OrganisationContact kept = OrganisationContact.findById(OrganisationContact.ID, LockModeType.PESSIMISTIC_WRITE);
        if (kept != null && kept.changedAt.isAfter(event.changedAt())) {
            return;
        }
        OrganisationContact contact = kept == null ? new OrganisationContact() : kept;
        contact.hotline = event.hotline();
        contact.supportHours = event.supportHours() == null ? Map.of() : Map.copyOf(event.supportHours());
        contact.changedAt = event.changedAt();
        contact.receivedAt = receivedAt;
        if (kept == null) {
            contact.persist();
        }
    }

    /** The contact in {@code lang}: support hours in that language, else English. */
    @Transactional
    public Contact current(String lang) {
        OrganisationContact kept = OrganisationContact.findById(OrganisationContact.ID);
        if (kept == null || kept.hotline == null) {
            return new Contact(config.support().hotline(), null);
        }
        String hours = kept.supportHours.get(lang);
        return new Contact(kept.hotline, hours != null ? hours : kept.supportHours.get("en"));
    }
}
