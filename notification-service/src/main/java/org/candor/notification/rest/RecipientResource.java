package org.candor.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.candor.notification.domain.Recipient;
import org.candor.notification.service.RecipientService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A person's channel preferences: opting out of non-mandatory messages (routine updates, surveys)
 * per channel. A mandatory message (the breach notice) still reaches every channel the person has.
 */
@Path("/api/recipients/{id}/preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Recipients")
@RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class RecipientResource {

    /** Opt-outs per channel; which channels the person can be reached on, without the addresses. */
    public record PreferencesView(String recipientId, boolean emailOptOut, boolean smsOptOut, boolean hasEmail,
            boolean hasPhone, String locale, String timeZone) {

        static PreferencesView of(Recipient r) {
            return new PreferencesView(r.id, r.emailOptOut, r.smsOptOut, r.email != null, r.phone != null, r.locale,
                    r.timeZone);
        }
    }

    public record PreferencesUpdate(@NotNull Boolean emailOptOut, @NotNull Boolean smsOptOut) {
    }

    private final RecipientService recipients;

    RecipientResource(RecipientService recipients) {
        this.recipients = recipients;
    }

    @GET
    public PreferencesView get(@PathParam("id") String id) {
        return recipients.find(id).map(PreferencesView::of).orElseThrow(() -> new NotFoundException("No recipient " + id));
    }

    @PUT
    public PreferencesView put(@PathParam("id") String id, @Valid @NotNull PreferencesUpdate update) {
        return recipients.setPreferences(id, update.emailOptOut(), update.smsOptOut()).map(PreferencesView::of)
                .orElseThrow(() -> new NotFoundException("No recipient " + id));
    }
}
