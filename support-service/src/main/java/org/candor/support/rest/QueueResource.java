package org.candor.support.rest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.candor.platform.security.Roles;
import org.candor.support.domain.Agent;
import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaPolicy;
import org.candor.support.domain.SupportQueue;
import org.candor.support.domain.WeekdayHours;
import org.candor.support.service.AssignmentService;
import org.candor.support.service.Problems;
import org.candor.support.service.QueueService;
import org.candor.support.service.SlaService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Queues, agents and SLA policies (supervisors keep them), and the SLA report. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Queues, agents and SLAs")
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class QueueResource {

    /**
     * A queue. {@code weekdayHours} lists the hours of each open day (empty: 24/7); {@code businessStart} and
     * {@code businessEnd} are given when every open day has the same hours, and {@code businessDays} lists the open days.
     */
    public record QueueView(String code, String name, List<String> skills, LocalTime businessStart,
            LocalTime businessEnd, String businessDays,
            @Schema(description = "Opening hours of each open day, Monday first; a day not listed is closed; empty for 24/7")
            List<DayHoursView> weekdayHours, String timeZone, List<LocalDate> holidays, boolean autoAssign) {

        static QueueView of(SupportQueue queue) {
            return new QueueView(queue.code, queue.name, Arrays.asList(queue.skills), queue.businessStart,
                    queue.businessEnd, queue.businessDays,
                    BusinessCalendar.weekdayHours(queue).stream().map(DayHoursView::of).toList(), queue.timeZone,
                    Arrays.stream(queue.holidays.split(",")).filter(day -> !day.isBlank()).map(LocalDate::parse).toList(),
                    queue.autoAssign);
        }
    }

    /** The hours of one weekday in the queue's time zone. */
    public record DayHoursView(@Schema(description = "MON, TUE, WED, THU, FRI, SAT or SUN", example = "SAT") String day,
            @Schema(example = "10:00") LocalTime start,
            @Schema(description = "After start: a window does not run past midnight", example = "16:00") LocalTime end) {

        static DayHoursView of(WeekdayHours hours) {
            return new DayHoursView(WeekdayHours.abbreviation(hours.day()), hours.start(), hours.end());
        }
    }

    /**
     * No business hours: staffed 24/7. Business hours are either {@code businessStart} to {@code businessEnd} on
     * each of {@code businessDays}, or {@code weekdayHours} per open day. Holidays: days a business-hours queue is
     * closed, in its time zone.
     */
    public record SaveQueue(@NotBlank @Size(max = 200) String name, List<@Pattern(regexp = "[a-z0-9-]{1,40}") String> skills,
            LocalTime businessStart, LocalTime businessEnd,
            @Pattern(regexp = "(MON|TUE|WED|THU|FRI|SAT|SUN)(,(MON|TUE|WED|THU|FRI|SAT|SUN))*") String businessDays,
            @Schema(description = "Opening hours per open day (a day not listed is closed), instead of businessStart, "
                    + "businessEnd and businessDays; each day at most once, end after start")
            @Size(max = 7) List<DayHoursView> weekdayHours,
            @NotBlank String timeZone, @Size(max = 366) List<@NotNull LocalDate> holidays, boolean autoAssign) {
    }

    public record AgentView(String id, int capacity, List<String> skills, boolean active, long load) {
    }

    public record SaveAgent(@Min(0) @Max(1000) int capacity, List<@Pattern(regexp = "[a-z0-9-]{1,40}") String> skills,
            boolean active) {
    }

    public record PolicyView(Priority priority, int firstResponseMinutes, int nextResponseMinutes, int resolutionMinutes) {

        static PolicyView of(SlaPolicy policy) {
            return new PolicyView(policy.priority, policy.firstResponseMinutes, policy.nextResponseMinutes,
                    policy.resolutionMinutes);
        }
    }

    public record SavePolicy(@Min(1) int firstResponseMinutes, @Min(1) int nextResponseMinutes,
            @Min(1) int resolutionMinutes) {
    }

    private final QueueService queues;
    private final AssignmentService assignment;
    private final SlaService sla;

    QueueResource(QueueService queues, AssignmentService assignment, SlaService sla) {
        this.queues = queues;
        this.assignment = assignment;
        this.sla = sla;
    }

    @GET
    @Path("/queues")
    public List<QueueView> queues() {
        return queues.queues().stream().map(QueueView::of).toList();
    }

    @PUT
    @Path("/queues/{code}")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(summary = "Create or change a queue (no business hours: 24/7; one window on business days, or hours per weekday)")
    public QueueView saveQueue(@PathParam("code") @Pattern(regexp = "[a-z0-9-]{1,64}") String code,
            @Valid @NotNull SaveQueue request) {
        List<QueueService.DayHours> weekdayHours = request.weekdayHours() == null ? null
                : request.weekdayHours().stream()
                        .map(hours -> hours == null ? null : new QueueService.DayHours(hours.day(), hours.start(), hours.end()))
                        .toList();
        return QueueView.of(queues.save(code, new QueueService.QueueChange(request.name(), request.skills(),
                request.businessStart(), request.businessEnd(), request.businessDays(), weekdayHours, request.timeZone(),
                request.holidays(), request.autoAssign())));
    }

    @GET
    @Path("/agents")
    public List<AgentView> agents() {
        return assignment.agents().stream().map(load -> view(load.agent(), load.load())).toList();
    }

    @PUT
    @Path("/agents/{id}")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(summary = "Create or change an agent: capacity (active tickets at once), skills, active")
    public AgentView saveAgent(@PathParam("id") @Size(min = 1, max = 128) String id, @Valid @NotNull SaveAgent request) {
        Agent agent = assignment.saveAgent(id, request.capacity(), request.skills(), request.active());
        return view(agent, assignment.load(agent.id));
    }

    @GET
    @Path("/sla/policies")
    public List<PolicyView> policies() {
        return queues.policies().stream().map(PolicyView::of).toList();
    }

    @PUT
    @Path("/sla/policies/{priority}")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public PolicyView savePolicy(@PathParam("priority") String priority, @Valid @NotNull SavePolicy request) {
        return PolicyView.of(queues.savePolicy(Params.enumOf(Priority.class, priority, "priority"),
                request.firstResponseMinutes(), request.nextResponseMinutes(), request.resolutionMinutes()));
    }

    @GET
    @Path("/sla/report")
    @Operation(summary = "Share of tickets that met every SLA target, per queue and day of creation (UTC)")
    public List<SlaService.ReportRow> report(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate start = date(from, "from");
        LocalDate end = date(to, "to");
        if (end.isBefore(start)) {
            throw Problems.invalid("to", "must not be before from");
        }
        if (start.plusDays(366).isBefore(end)) {
            throw Problems.invalid("to", "a report covers at most 366 days");
        }
        return sla.report(start, end);
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            throw Problems.invalid(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problems.invalid(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static AgentView view(Agent agent, long load) {
        return new AgentView(agent.id, agent.capacity, Arrays.asList(agent.skills), agent.active, load);
    }
}
