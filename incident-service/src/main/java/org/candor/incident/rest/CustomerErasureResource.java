package org.candor.incident.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.candor.incident.service.customers.AffectedCustomerService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's right to erasure. */
@Path("/api/customers")
@Tag(name = "Affected customers")
public class CustomerErasureResource {

    private final AffectedCustomerService customers;

    CustomerErasureResource(AffectedCustomerService customers) {
        this.customers = customers;
    }

    /** Erases the customer's personal data here and, through an event, in every other service. */
    @POST
    @Path("/{customerId}/erasure")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response erase(@PathParam("customerId") String customerId) {
        customers.erase(customerId);
        return Response.accepted().build();
    }
}
