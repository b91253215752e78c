package org.candor.platform.operations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.platform.deadletter.DeadLetterConfig;
import org.candor.platform.deadletter.DeadLetterReplayer;
import org.candor.platform.deadletter.DeadLetters;
import org.candor.platform.deadletter.DeadLetters.DeadLetter;
import org.candor.platform.deadletter.DeadLetters.Filter;
import org.candor.platform.deadletter.DeadLetters.Replay;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.Problem.FieldError;
import org.candor.platform.rest.ProblemException;

/**
 * This service's dead letters, for staff with its operations role: listed without their data, looked
 * at one by one, and replayed into the service's own consumer (at most once each, through its inbox).
 */
@Path("/api/operations/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${candor.operations.role}")
public class DeadLetterResource {

    private static final int MAX_TYPE_LENGTH = 200;

    /**
     * A dead letter in a listing: what, why, when and which key; nothing of the event's data.
     *
     * @param id the dead letter's id
     * @param type the event type
     * @param reason why it could not be processed
     * @param deadLetteredAt when it went to the dead-letter topic
     * @param key the Kafka key, an aggregate id
     * @param replayedAt when it was replayed, if it was
     */
    public record DeadLetterSummary(UUID id, String type, String reason, Instant deadLetteredAt, String key,
            Instant replayedAt) {
    }

    /**
     * Which dead letters to replay: either {@code ids}, or a {@code type} and/or a time range
     * ({@code from} inclusive, {@code to} exclusive, ISO 8601 with offset) of those not yet replayed.
     */
    public record ReplaySelection(List<UUID> ids, String type, OffsetDateTime from, OffsetDateTime to) {
    }

    /** A dead letter a replay could not apply, and why. */
    public record ReplayFailure(UUID id, int status, String reason) {
    }

    /** What a replay of a selection did: each dead letter replayed, each that failed, and how many more match. */
    public record ReplayReport(List<Replay> replayed, List<ReplayFailure> failed, long remaining) {
    }

    private final DeadLetters deadLetters;
    private final OperationsConfig config;
    private final DeadLetterConfig deadLetterConfig;

    DeadLetterResource(DeadLetters deadLetters, OperationsConfig config, DeadLetterConfig deadLetterConfig) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.deadLetterConfig = deadLetterConfig;
    }

    /** Dead letters, oldest first, optionally of one {@code type}, in [{@code from}, {@code to}), replayed or not. */
    @GET
    public List<DeadLetterSummary> list(@QueryParam("type") String type, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("replayed") Boolean replayed,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Filter filter = filter(type, instant("from", from), instant("to", to), replayed, "");
        return deadLetters.list(filter, Limits.listSize(limit, config)).stream()
                .map(letter -> new DeadLetterSummary(letter.id(), letter.type(), letter.reason(), letter.deadLetteredAt(),
                        letter.key(), letter.replayedAt()))
                .toList();
    }

    /** One dead letter: its CloudEvents attributes, reason, cause, where it came from and whether it was replayed. */
    @GET
    @Path("/{id}")
    public DeadLetter get(@PathParam("id") UUID id) {
        return deadLetters.find(id).orElseThrow(() -> notFound(id));
    }

    /** Replays one dead letter: 404 unknown, 409 replayed already, 410 its record expired, 422 refused again. */
    @POST
    @Path("/{id}/replay")
    public Replay replay(@PathParam("id") UUID id) {
        try {
            return deadLetters.replay(id).orElseThrow(() -> notFound(id));
        } catch (DeadLetters.AlreadyReplayed e) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, e.getMessage()));
        } catch (DeadLetterReplayer.SourceGone e) {
            throw new ProblemException(Problem.of(Response.Status.GONE, e.getMessage()));
        } catch (DeadLetterReplayer.NotReplayable | DeadLetters.StillFailing e) {
            throw new ProblemException(new Problem("https://candor.dev/problems/422", "Unprocessable Content", 422,
                    e.getMessage(), List.of()));
        }
    }

    /**
     * Replays a selection: every id given (all must exist and none be replayed already, else nothing is
     * replayed: 404 or 409 naming them), or those not yet replayed of a type and/or time range, oldest
     * first, up to {@code candor.dead-letters.max-replay-batch} per request.
     */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayReport replaySelection(ReplaySelection selection) {
        if (selection == null) {
            throw invalid("", "a selection is required: ids, or a type and/or from and to");
        }
        List<UUID> ids;
        boolean byIds = selection.ids() != null;
        boolean byRange = selection.type() != null || selection.from() != null || selection.to() != null;
        if (byIds && byRange) {
            throw invalid("ids", "give either ids or a type and/or time range, not both");
        }
        if (!byIds && !byRange) {
            throw invalid("ids", "give ids, or a type and/or from and to");
        }
        if (byIds) {
            if (selection.ids().isEmpty()) {
                throw invalid("ids", "must not be empty");
            }
            if (selection.ids().size() > deadLetterConfig.maxReplayBatch()) {
                throw invalid("ids", "at most " + deadLetterConfig.maxReplayBatch() + " per request");
            }
            ids = selection.ids().stream().distinct().toList();
            List<UUID> unknown = deadLetters.unknown(ids);
            if (!unknown.isEmpty()) {
                throw new ProblemException(new Problem("https://candor.dev/problems/404", "Not Found", 404,
                        "No dead letter " + unknown, fieldErrors(selection.ids(), unknown, "no such dead letter")));
            }
            List<UUID> replayed = ids.stream().filter(id -> deadLetters.find(id).map(l -> l.replayedAt() != null)
                    .orElse(false)).toList();
            if (!replayed.isEmpty()) {
                throw new ProblemException(new Problem("https://candor.dev/problems/409", "Conflict", 409,
                        "Replayed already: " + replayed, fieldErrors(selection.ids(), replayed, "replayed already")));
            }
        } else {
            Instant from = selection.from() == null ? null : selection.from().toInstant();
            Instant to = selection.to() == null ? null : selection.to().toInstant();
            Filter filter = filter(selection.type(), from, to, false, "");
            ids = deadLetters.list(filter, deadLetterConfig.maxReplayBatch() + 1).stream().map(DeadLetter::id).toList();
        }
        List<UUID> batch = ids.size() > deadLetterConfig.maxReplayBatch() ? ids.subList(0, deadLetterConfig.maxReplayBatch())
                : ids;
        List<Replay> replayed = new ArrayList<>();
        List<ReplayFailure> failed = new ArrayList<>();
        for (UUID id : batch) {
            try {
                deadLetters.replay(id).ifPresent(replayed::add);
            } catch (DeadLetters.AlreadyReplayed e) {
                failed.add(new ReplayFailure(id, 409, e.getMessage()));
            } catch (DeadLetterReplayer.SourceGone e) {
                failed.add(new ReplayFailure(id, 410, e.getMessage()));
            } catch (DeadLetterReplayer.NotReplayable | DeadLetters.StillFailing e) {
                failed.add(new ReplayFailure(id, 422, e.getMessage()));
            }
        }
        long remaining = byIds ? 0 : Math.max(0, ids.size() - batch.size());
        return new ReplayReport(replayed, failed, remaining);
    }

    private Filter filter(String type, Instant from, Instant to, Boolean replayed, String prefix) {
        if (type != null && (type.isBlank() || type.length() > MAX_TYPE_LENGTH)) {
            throw invalid(prefix + "type", "must be an event type of 1 to " + MAX_TYPE_LENGTH + " characters");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid(prefix + "to", "must be after from");
        }
        return new Filter(type, from, to, replayed);
    }

    private static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(parameter, "must be an ISO 8601 timestamp with offset, e.g. 2026-05-01T00:00:00Z");
        }
    }

    private static List<FieldError> fieldErrors(List<UUID> given, List<UUID> offending, String message) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (offending.contains(given.get(i))) {
                errors.add(FieldError.field("ids[" + i + "]", message));
            }
        }
        return errors;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(message, List.of(FieldError.field(field, message))));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No dead letter " + id));
    }
}
