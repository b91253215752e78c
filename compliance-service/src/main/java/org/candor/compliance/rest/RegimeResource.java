package org.candor.compliance.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.candor.compliance.domain.deadline.CatalogueFile;
import org.candor.compliance.domain.deadline.HolidayCalendar;
import org.candor.compliance.domain.deadline.RegimeCatalogue;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The regime catalogue and the holiday calendars this service applies. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Regimes")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class RegimeResource {

    private final RegimeCatalogue catalogue;

    RegimeResource(RegimeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The catalogue as loaded: version, country groups and every regime with its citation and notes. */
    @GET
    @Path("/regimes")
    public CatalogueFile regimes() {
        return catalogue.file();
    }

    /** One calendar's holidays in a year, computed by rule. */
    @GET
    @Path("/calendars/{id}/{year}")
    public List<HolidayCalendar.Holiday> holidays(@PathParam("id") String id, @PathParam("year") int year) {
        HolidayCalendar calendar = catalogue.calendar(id);
        if (calendar == null) {
            throw new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.NOT_FOUND,
                    "No holiday calendar " + id + "; known: " + new java.util.TreeSet<>(catalogue.calendars().keySet())));
        }
        if (year < 1900 || year > 2099) {
            throw new ProblemException(Problem.invalid("The year is out of range",
                    List.of(Problem.FieldError.field("year", "must be between 1900 and 2099"))));
        }
        return calendar.holidays(year);
    }
}
