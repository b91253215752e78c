package org.candor.support.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.platform.security.Roles;
import org.candor.support.domain.AssistanceOffer;
import org.candor.support.domain.ClaimKind;
import org.candor.support.domain.ClaimStatus;
import org.candor.support.domain.CompensationClaim;
import org.candor.support.service.ClaimService;
import org.candor.support.service.OfferService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/** Concrete help: assistance offers with their activation codes, and compensation claims. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assistance offers and compensation")
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class AssistanceResource {

    public record CreateOffer(@NotNull UUID incidentId, @NotBlank @Pattern(regexp = "[A-Z_]{2,40}") String kind,
            @NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String provider,
            @Min(1) @Max(120) int validMonths,
            @Size(max = 500) @Pattern(regexp = "https://[^\\s<>\"]+", message = "must be an https:// address")
            String activationUrl) {
    }

    public record OfferView(UUID id, UUID incidentId, String kind, String name, String provider, int validMonths,
            String activationUrl, Instant createdAt, OfferService.OfferStats stats) {
    }

    public record ImportResult(int imported, OfferService.OfferStats stats) {
    }

    public record GrantRequest(@NotBlank @Size(max = 128) String customerId) {
    }

    public record Activation(@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*",
            message = "must be one line without control characters") String code) {
    }

    /**
     * @param incidentId the incident the claim is about; may be left out when the ticket is about one
     * @param kind FRAUD_LOSS, EXPENSES, TIME_SPENT, GOODWILL or OTHER (the default)
     */
    public record SubmitClaim(@NotBlank @Size(max = 128) String customerId, UUID ticketId, UUID incidentId,
            ClaimKind kind, @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency, @NotBlank @Size(max = 2000) String reason,
            @Size(max = 4000) String evidence) {
    }

    public record Decision(@NotNull @Pattern(regexp = "APPROVED|REJECTED") String decision,
            @Size(max = 2000) String note) {
    }

    public record ClaimView(UUID id, UUID ticketId, UUID incidentId, String customerId, ClaimKind kind, BigDecimal amount,
            String currency, String reason, String evidence, ClaimStatus status, String submittedBy,
            Instant submittedAt, String decidedBy, Instant decidedAt, String decisionNote) {

        static ClaimView of(CompensationClaim claim) {
            return new ClaimView(claim.id, claim.ticketId, claim.incidentId, claim.customerId, claim.kind, claim.amount,
                    claim.currency, claim.reason, claim.evidence, claim.status, claim.submittedBy, claim.submittedAt,
                    claim.decidedBy, claim.decidedAt, claim.decisionNote);
        }
    }

    private final OfferService offers;
    private final ClaimService claims;
    private final SecurityIdentity identity;

    AssistanceResource(OfferService offers, ClaimService claims, SecurityIdentity identity) {
        this.offers = offers;
        this.claims = claims;
        this.identity = identity;
    }

    @POST
    @Path("/offers")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public Response createOffer(@Valid @NotNull CreateOffer request) {
        AssistanceOffer offer = offers.create(request.incidentId(), request.kind(), request.name(), request.provider(),
                request.validMonths(), request.activationUrl());
        return Response.created(URI.create("/api/offers/" + offer.id)).entity(view(offer)).build();
    }

    @GET
    @Path("/offers")
    public List<OfferView> offers(@QueryParam("incidentId") String incidentId) {
        return offers.list(Params.uuid(incidentId, "incidentId")).stream().map(this::view).toList();
    }

    @GET
    @Path("/offers/{id}")
    @Operation(summary = "An offer with its pool and take-up")
    public OfferView offer(@PathParam("id") UUID id) {
        return view(offers.get(id));
    }

    @POST
    @Path("/offers/{id}/codes")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(summary = "Import the provider's activation codes (CSV with a 'code' column); all lines or none")
    public ImportResult importCodes(@PathParam("id") UUID id, String csv) {
        int imported = offers.importCodes(id, csv);
        return new ImportResult(imported, offers.stats(id));
    }

    @POST
    @Path("/offers/{id}/grants")
    @Operation(summary = "Give an affected customer the offer's code (sent to them by notification); 200 with the earlier grant if they have one")
    public Response grant(@PathParam("id") UUID id, @Valid @NotNull GrantRequest request) {
        OfferService.Grant grant = offers.grant(id, request.customerId(), identity.getPrincipal().getName());
        return Response.status(grant.created() ? Response.Status.CREATED : Response.Status.OK).entity(grant).build();
    }

    @POST
    @Path("/offers/{id}/activations")
    @Operation(summary = "Record that a granted code was activated (take-up)")
    public Response activation(@PathParam("id") UUID id, @Valid @NotNull Activation request) {
        offers.recordActivation(id, request.code(), identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    @POST
    @Path("/claims")
    @Operation(summary = "Submit a compensation claim for an affected customer; above its currency's threshold"
            + " (with the customer's earlier claims for the incident) it waits for a supervisor")
    public Response submit(@Valid @NotNull SubmitClaim request) {
        CompensationClaim claim = claims.submit(new ClaimService.Submission(request.customerId(), request.ticketId(),
                request.incidentId(), request.kind(), request.amount(), request.currency(), request.reason(),
                request.evidence()), identity.getPrincipal().getName());
        return Response.created(URI.create("/api/claims/" + claim.id)).entity(ClaimView.of(claim)).build();
    }

    @GET
    @Path("/claims")
    public List<ClaimView> claims(@QueryParam("status") String status) {
        return claims.list(Params.enumOf(ClaimStatus.class, status, "status")).stream().map(ClaimView::of).toList();
    }

    @GET
    @Path("/claims/{id}")
    public ClaimView claim(@PathParam("id") UUID id) {
        return ClaimView.of(claims.get(id));
    }

    @POST
    @Path("/claims/{id}/decision")
    @Operation(summary = "Approve or reject; never by who submitted it, above the threshold only by a supervisor (403 otherwise)")
    public ClaimView decide(@PathParam("id") UUID id, @Valid @NotNull Decision request) {
        return ClaimView.of(claims.decide(id, "APPROVED".equals(request.decision()), request.note(),
                identity.getPrincipal().getName(), identity.hasRole(Roles.SUPPORT_SUPERVISOR)));
    }

    private OfferView view(AssistanceOffer offer) {
        return new OfferView(offer.id, offer.incidentId, offer.kind, offer.name, offer.provider, offer.validMonths,
                offer.activationUrl,
                offer.createdAt, offers.stats(offer.id));
    }
}
