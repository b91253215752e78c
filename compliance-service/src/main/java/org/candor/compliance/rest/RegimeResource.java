package org.candor.compliance.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.config.CatalogueInForce;
import org.candor.compliance.domain.deadline.CatalogueFile;
import org.candor.compliance.domain.deadline.HolidayCalendar;
import org.candor.compliance.service.CatalogueService;
import org.candor.compliance.service.ObligationService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/** The regime catalogue and the holiday calendars this service applies, and their versions. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Regimes")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class RegimeResource {

    private final CatalogueInForce catalogues;
    private final CatalogueService service;
    private final SecurityIdentity identity;

    RegimeResource(CatalogueInForce catalogues, CatalogueService service, SecurityIdentity identity) {
        this.catalogues = catalogues;
        this.service = service;
        this.identity = identity;
    }

    /**
     * One recorded catalogue version.
     *
     * @param changes what applying it changed in the obligations open then
     */
    public record VersionView(String version, String calendarsVersion, String sha256, String source, int regimes,
            java.time.Instant recordedAt, boolean inForce, List<ObligationService.CatalogueChange> changes) {
    }

    /** The catalogue in force: version, country groups and every regime with its citation and notes. */
    @GET
    @Path("/regimes")
    public CatalogueFile regimes() {
        return catalogues.catalogue().file();
    }

    /**
     * Reads the configured catalogue files now (as the periodic check does): a valid new version is put in force
     * and applied to open obligations; an invalid one is refused with 422 and every error, each with its file and
     * path, and the version in force stays.
     */
    @POST
    @Path("/regimes/reload")
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    public Response reload() {
        CatalogueService.Reload reload = service.check(identity.getPrincipal().getName());
        if ("REFUSED".equals(reload.outcome())) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (String error : reload.errors()) {
                errors.add(fieldError(error));
            }
            return new Problem("https://candor.dev/problems/422", "Unprocessable Content", 422,
                    "The regime catalogue was refused; version " + reload.version() + " stays in force", errors)
                    .toResponse();
        }
        return Response.ok(reload).build();
    }

    /** Every catalogue version applied, newest first, with what each changed. */
    @GET
    @Path("/regimes/versions")
    public List<VersionView> versions() {
        String inForce = catalogues.catalogue().version();
        return service.versions().stream().map(v -> new VersionView(v.version, v.calendarsVersion, v.sha256, v.source,
                v.regimes, v.recordedAt, v.version.equals(inForce), service.changes(v))).toList();
    }

    /** One calendar's holidays in a year, computed by rule. */
    @GET
    @Path("/calendars/{id}/{year}")
    public List<HolidayCalendar.Holiday> holidays(@PathParam("id") String id, @PathParam("year") int year) {
        var catalogue = catalogues.catalogue();
        HolidayCalendar calendar = catalogue.calendar(id);
        if (calendar == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                    "No holiday calendar " + id + "; known: " + new java.util.TreeSet<>(catalogue.calendars().keySet())));
        }
        if (year < 1900 || year > 2099) {
            throw new ProblemException(Problem.invalid("The year is out of range",
                    List.of(Problem.FieldError.field("year", "must be between 1900 and 2099"))));
        }
        return calendar.holidays(year);
    }

    /** "file: path: message" becomes field "file: path" and the message. */
    private static Problem.FieldError fieldError(String error) {
        int last = error.lastIndexOf(": ");
        return last < 0 ? Problem.FieldError.field("catalogue", error)
                : Problem.FieldError.field(error.substring(0, last), error.substring(last + 2));
    }
}
