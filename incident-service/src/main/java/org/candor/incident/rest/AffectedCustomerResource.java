package org.candor.incident.rest;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.domain.Population;
import org.candor.incident.service.customers.AffectedCustomerService;
import org.candor.incident.service.customers.AffectedCustomerService.CustomerView;
import org.candor.incident.service.customers.CustomerImportService;
import org.candor.incident.service.customers.ImportReport;
import org.candor.incident.service.customers.PopulationService;
import org.candor.platform.rest.Problem;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who is affected: bulk import, listing, removal, the population counts, and erasure. */
@Path("/api/incidents/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Affected customers")
public class AffectedCustomerResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final CustomerImportService imports;
    private final AffectedCustomerService customers;
    private final PopulationService population;

    AffectedCustomerResource(CustomerImportService imports, AffectedCustomerService customers,
            PopulationService population) {
        this.imports = imports;
        this.customers = customers;
        this.population = population;
    }

    /**
     * Imports customers from CSV (with a header) or NDJSON. By default valid rows are applied and
     * rejected ones reported; with {@code allOrNothing=true} one rejected row refuses the whole file (422).
     */
    @POST
    @Path("/affected-customers/import")
    @Consumes({CSV, NDJSON, "application/jsonl"})
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response importCustomers(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("allOrNothing") @DefaultValue("false") boolean allOrNothing, InputStream body) {
        CustomerImportService.Format format = contentType != null && contentType.startsWith(CSV)
                ? CustomerImportService.Format.CSV : CustomerImportService.Format.NDJSON;
        try {
            return Response.ok(imports.importCustomers(id, format, body, allOrNothing)).build();
        } catch (CustomerImportService.ImportRefused refused) {
            ImportReport report = refused.report();
            List<Problem.FieldError> errors = report.rejections().stream()
                    .map(rejection -> new Problem.FieldError(rejection.field(), rejection.line(), rejection.reason()))
                    .toList();
            return new Problem("https://candor.dev/problems/import-refused", "Unprocessable Content", 422,
                    report.rejected() + " of " + report.rows() + " rows were rejected; nothing was imported", errors)
                    .toResponse();
        }
    }

    /** A page of affected customers, ordered by customer id; pass the last id seen as {@code after}. */
    @GET
    @Path("/affected-customers")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public List<CustomerView> list(@PathParam("id") UUID id, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return customers.page(id, after, limit);
    }

    @DELETE
    @Path("/affected-customers/{customerId}")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response remove(@PathParam("id") UUID id, @PathParam("customerId") String customerId) {
        customers.remove(id, customerId);
        return Response.noContent().build();
    }

    @GET
    @Path("/affected-population")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public Population population(@PathParam("id") UUID id) {
        return population.of(id);
    }

}
