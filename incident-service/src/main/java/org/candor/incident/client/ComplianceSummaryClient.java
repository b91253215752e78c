package org.candor.incident.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** compliance-service's summary of one incident, read with the caller's own bearer token. */
@RegisterRestClient(configKey = "compliance")
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
public interface ComplianceSummaryClient {

    @GET
    @Path("/{id}/summary")
    Uni<Summaries.Compliance> summary(@PathParam("id") UUID incidentId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
