package org.candor.compliance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.candor.compliance.service.CalculatorService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What-if deadline questions, without any incident. */
@Path("/api/deadlines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deadlines")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class DeadlineResource {

    private final CalculatorService calculator;

    DeadlineResource(CalculatorService calculator) {
        this.calculator = calculator;
    }

    @POST
    @Path("/calculate")
    @Operation(summary = "Every reporting deadline that applies to a profile, triggers and population")
    public DeadlineView.Calculation calculate(CalculationRequest request) {
        CalculatorService.Calculation calculation = calculator.calculate(request);
        return new DeadlineView.Calculation(calculation.deadlines().stream().map(DeadlineView::of).toList(),
                calculation.gaps());
    }
}
