package org.candor.platform.operations;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.platform.outbox.OutboxSetAside;
import org.candor.platform.outbox.OutboxSetAside.SetAsideEvent;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/** Outbox rows the relay set aside because Kafka kept refusing them; staff with the service's operations role. */
@Path("/api/operations/outbox/set-aside")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${candor.operations.role}")
public class OutboxResource {

    private final OutboxSetAside setAside;
    private final OperationsConfig config;

    OutboxResource(OutboxSetAside setAside, OperationsConfig config) {
        this.setAside = setAside;
        this.config = config;
    }

    /** The set-aside rows, oldest first: type, aggregate, reason, attempts, and how many events wait behind each. */
    @GET
    public List<SetAsideEvent> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return setAside.list(Limits.listSize(limit, config));
    }

    @GET
    @Path("/{id}")
    public SetAsideEvent get(@PathParam("id") UUID id) {
        return setAside.find(id).orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                "No set-aside outbox event " + id)));
    }

    /** Puts the row back in line with its attempts reset, once the cause is fixed. */
    @POST
    @Path("/{id}/retry")
    public SetAsideEvent retry(@PathParam("id") UUID id) {
        return setAside.retry(id).orElseThrow(() -> notSetAside(id));
    }

    private ProblemException notSetAside(UUID id) {
        if (setAside.exists(id)) {
            return new ProblemException(Problem.of(Response.Status.CONFLICT, "Outbox event " + id + " is not set aside"));
        }
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No outbox event " + id));
    }
}
