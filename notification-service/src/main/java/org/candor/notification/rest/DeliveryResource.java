package org.candor.notification.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.candor.notification.domain.Delivery;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One delivery by its id (the idempotency key). */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages and deliveries")
@RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.COMPLIANCE_OFFICER, Roles.SUPPORT_SUPERVISOR})
public class DeliveryResource {

    @GET
    @Path("/{id}")
    public MessageResource.DeliveryView get(@PathParam("id") UUID id) {
        return Delivery.<Delivery>findByIdOptional(id).map(MessageResource.DeliveryView::of)
                .orElseThrow(() -> new NotFoundException("No delivery " + id));
    }
}
