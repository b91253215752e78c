package org.candor.notification.rest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.candor.notification.service.NotReachedService;
import org.candor.platform.rest.CsvCells;
import org.candor.platform.rest.Problem;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/**
 * Per incident, the people a mandatory notice reached on no channel: JSON in pages, or the whole list as
 * CSV ({@code Accept: text/csv}) for the organisation to write to them another way. Customer ids, channels and reasons only.
 */
@Path("/api/incidents/{id}/not-reached")
@Tag(name = "Not reached")
@RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.COMPLIANCE_OFFICER})
public class NotReachedResource {

    static final String CSV = "text/csv;charset=UTF-8";
    private static final int EXPORT_CHUNK = 1000;
    /** Pages beyond this would start past any list (and past an int offset): the CSV is for the whole list. */
    private static final int MAX_PAGE = 1_000_000;

    private final NotReachedService notReached;

    NotReachedResource(NotReachedService notReached) {
        this.notReached = notReached;
    }

    /**
     * A page (from 0) of the list, ordered by customer id, with the list's total; the whole list as CSV
     * ({@code customer_id,message_id,message_type,channels_tried,reasons,not_reached_at}) when the client
     * names {@code text/csv} before (or instead of) JSON.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Blocking
    public Response list(@PathParam("id") UUID id, @Context HttpHeaders headers,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        if (page < 0 || page > MAX_PAGE) {
            errors.add(Problem.FieldError.field("page", "must be between 0 and " + MAX_PAGE));
        }
        if (size < 1 || size > 1000) {
            errors.add(Problem.FieldError.field("size", "must be between 1 and 1000"));
        }
        if (!errors.isEmpty()) {
            return Problem.invalid("The request has invalid fields", errors).toResponse();
        }
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isWildcardType() || acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
            if (acceptable.isCompatible(MediaType.valueOf("text/csv"))) {
                return csv(id);
            }
        }
        return Response.ok(notReached.page(id, page, size), MediaType.APPLICATION_JSON).build();
    }

    private Response csv(UUID id) {
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write("customer_id,message_id,message_type,channels_tried,reasons,not_reached_at\r\n");
            String customer = null;
            UUID message = null;
            while (true) {
                List<NotReachedService.Entry> chunk = notReached.after(id, customer, message, EXPORT_CHUNK);
                for (NotReachedService.Entry entry : chunk) {
                    writer.write(String.join(",", CsvCells.cell(entry.customerId()), CsvCells.cell(entry.messageId()),
                            CsvCells.cell(entry.messageType()), CsvCells.cell(String.join(";", entry.channelsTried())),
                            CsvCells.cell(entry.attempts().stream().map(a -> a.channel() + ": " + a.reason())
                                    .collect(Collectors.joining("; "))),
                            CsvCells.cell(entry.notReachedAt())));
                    writer.write("\r\n");
                }
                if (chunk.size() < EXPORT_CHUNK) {
                    break;
                }
                customer = chunk.get(chunk.size() - 1).customerId();
                message = chunk.get(chunk.size() - 1).messageId();
            }
            writer.flush();
        };
        return Response.ok(body, CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"not-reached-" + id + ".csv\"").build();
    }
}
