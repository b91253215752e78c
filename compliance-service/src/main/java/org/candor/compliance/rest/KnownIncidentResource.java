package org.candor.compliance.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.config.CatalogueInForce;
import org.candor.compliance.service.EvidenceService;
import org.candor.compliance.service.ReportDraftService;
import org.candor.compliance.service.FilingService;
import org.candor.compliance.service.GdprNotificationDraftService;
import org.candor.compliance.service.IncidentSummaryService;
import org.candor.compliance.service.KnownIncidentService;
import org.candor.compliance.service.ObligationService;
import org.candor.compliance.service.OverrideService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The incidents this service has received from incident-service, with their obligations. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Known incidents")
@RolesAllowed({Roles.COMPLIANCE_OFFICER})
public class KnownIncidentResource {

    static final String MARKDOWN = "text/markdown;charset=UTF-8";

    private final KnownIncidentService incidents;
    private final FilingService filings;
    private final EvidenceService evidence;
    private final IncidentSummaryService summaries;
    private final GdprNotificationDraftService gdprDrafts;
    private final ObligationService obligations;
    private final OverrideService overrides;
    private final JsonWebToken caller;
    private final CatalogueInForce catalogues;
    private final ReportDraftService reports;

    KnownIncidentResource(KnownIncidentService incidents, FilingService filings, EvidenceService evidence,
            IncidentSummaryService summaries, GdprNotificationDraftService gdprDrafts, ObligationService obligations,
            OverrideService overrides, JsonWebToken caller, CatalogueInForce catalogues, ReportDraftService reports) {
        this.catalogues = catalogues;
        this.reports = reports;
        this.overrides = overrides;
        this.caller = caller;
        this.obligations = obligations;
        this.incidents = incidents;
        this.filings = filings;
        this.evidence = evidence;
        this.summaries = summaries;
        this.gdprDrafts = gdprDrafts;
    }

    /** Who asks: the token's subject. */
    private String actor() {
        return caller.getSubject() != null ? caller.getSubject() : caller.getName();
    }

    @GET
    @Path("/{id}")
    public KnownIncidentView get(@PathParam("id") UUID id) {
        return incidents.find(id).map(this::view)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    private KnownIncidentView view(KnownIncident incident) {
        return KnownIncidentView.of(incident, obligations.catalogueGaps(incident));
    }

    @GET
    @Path("/{id}/obligations")
    public List<ObligationView> obligations(@PathParam("id") UUID incidentId) {
        List<org.candor.compliance.domain.Obligation> list = filings.obligations(incidentId);
        var catalogue = catalogues.catalogue();
        if (list.stream().noneMatch(o -> catalogue.regionOf(o.regime) != null)) {
            return list.stream().map(ObligationView::of).toList();
        }
        java.util.Map<String, long[]> told = evidence.byRegion(incidentId);
        java.util.Map<String, Long> affected = new java.util.HashMap<>();
        incidents.find(incidentId).filter(i -> i.population != null).ifPresent(i -> i.population.stream()
                .filter(p -> p.region() != null).forEach(p -> affected.merge(p.region(), p.count(), Long::sum)));
        return list.stream().map(o -> {
            String region = catalogue.regionOf(o.regime);
            if (region == null) {
                return ObligationView.of(o);
            }
            long[] counts = told.getOrDefault(region, new long[2]);
            return ObligationView.of(o, new ObligationView.RegionEvidence(region, affected.get(region), counts[0],
                    counts[1]));
        }).toList();
    }

    /** Adds an obligation the catalogue does not compute (recipient, due time, citation, reason). */
    @POST
    @Path("/{id}/obligations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addObligation(@PathParam("id") UUID incidentId, ManualObligationRequest request) {
        ObligationView added = ObligationView.of(overrides.addManual(incidentId, request, caller.getSubject()));
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    /** Records a trigger learnt later (e.g. the materiality determination); deadlines are recomputed. */
    @POST
    @Path("/{id}/triggers")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<ObligationView> trigger(@PathParam("id") UUID incidentId, TriggerRequest request,
            @Context SecurityContext security) {
        filings.recordTrigger(incidentId, request, security.getUserPrincipal().getName());
        return obligations(incidentId);
    }

    /**
     * How many affected people were told, when and on which channel, in total and per country and region, and the
     * people not reached with the reasons, counted apart.
     */
    @GET
    @Path("/{id}/evidence")
    public EvidenceService.Evidence evidence(@PathParam("id") UUID incidentId) {
        return evidence.evidence(incidentId);
    }

    /** For incident-service's overview: counts only, and zeros for an incident not received yet. */
    @GET
    @Path("/{id}/summary")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public IncidentSummaryView summary(@PathParam("id") UUID incidentId) {
        return summaries.summary(incidentId);
    }

    /** A draft of the GDPR Art. 33 notification, as sections plus the items still unknown. */
    @GET
    @Path("/{id}/reports/gdpr-art33")
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
    public GdprNotificationDraftService.Draft gdprArt33(@PathParam("id") UUID incidentId,
            @QueryParam("lang") String lang) {
        return gdprDrafts.draft(incidentId, gdprDrafts.language(lang), Instant.now(), actor());
    }

    /**
     * A draft of another authority's report ({@code nis2-early-warning}, {@code nis2-notification},
     * {@code nis2-final-report}, {@code dora-initial}, {@code dora-intermediate}, {@code dora-final},
     * {@code sec-8k-item-105}, {@code us-state-ag} with {@code region}): fields from live data, the rest in {@code missing}.
     */
    @GET
    @Path("/{id}/reports/{report}")
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
    public ReportDraftService.ReportDraft report(@PathParam("id") UUID incidentId, @PathParam("report") String report,
            @QueryParam("lang") String lang, @QueryParam("region") String region) {
        return reports.draft(incidentId, report, gdprDrafts.language(lang), region, Instant.now(), actor());
    }

    /** The same draft as Markdown, for {@code Accept: text/markdown} or {@code text/plain}. */
    @GET
    @Path("/{id}/reports/{report}")
    @Produces({MARKDOWN, MediaType.TEXT_PLAIN + ";charset=UTF-8"})
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
    public String reportDocument(@PathParam("id") UUID incidentId, @PathParam("report") String report,
            @QueryParam("lang") String lang, @QueryParam("region") String region) {
        return reports.markdown(incidentId, report, gdprDrafts.language(lang), region, Instant.now(), actor());
    }

    /** The same draft as one document, for {@code Accept: text/markdown} or {@code text/plain}. */
    @GET
    @Path("/{id}/reports/gdpr-art33")
    @Produces({MARKDOWN, MediaType.TEXT_PLAIN + ";charset=UTF-8"})
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
    public String gdprArt33Document(@PathParam("id") UUID incidentId, @QueryParam("lang") String lang) {
        return gdprDrafts.render(incidentId, gdprDrafts.language(lang), Instant.now(), actor());
    }

    @GET
    public List<KnownIncidentView> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return incidents.latest(limit).stream().map(this::view).toList();
    }
}
