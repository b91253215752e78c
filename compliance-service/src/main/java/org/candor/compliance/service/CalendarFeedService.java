package org.candor.compliance.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * iCalendar (RFC 5545) feeds of deadlines for the officers' calendars, written with ical4j: one event per open
 * obligation with a due time, at the due time in force, with alarms a day and an hour before.
 */
@ApplicationScoped
public class CalendarFeedService {

    private static final List<ObligationStatus> PENDING = List.of(ObligationStatus.OPEN, ObligationStatus.OVERDUE);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx '('VV')'");

    /** One incident's open deadlines. */
    @Transactional
    public String incident(UUID incidentId, Instant now) {
        List<Obligation> obligations = Obligation.list("incidentId = ?1 and status in ?2 and dueAt is not null"
                + " order by dueAt", incidentId, PENDING);
        String title = KnownIncident.<KnownIncident>findByIdOptional(incidentId).map(i -> i.title).orElse(incidentId.toString());
        return write("Candor deadlines: " + title, obligations, now);
    }

    /** Every incident's open deadlines. */
    @Transactional
    public String all(Instant now) {
        return write("Candor deadlines: all open obligations",
                Obligation.list("status in ?1 and dueAt is not null order by dueAt", PENDING), now);
    }

    private String write(String name, List<Obligation> obligations, Instant now) {
        Map<UUID, String> titles = KnownIncident.<KnownIncident>list("id in ?1",
                obligations.stream().map(o -> o.incidentId).distinct().toList()).stream()
                .collect(Collectors.toMap(i -> i.id, i -> i.title));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Candor//compliance-service//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        Function<UUID, String> title = id -> titles.getOrDefault(id, id.toString());
        for (Obligation o : obligations) {
            calendar.add(event(o, title.apply(o.incidentId), now));
        }
        return calendar.toString();
    }

    private static VEvent event(Obligation o, String incidentTitle, Instant now) {
        String summary = (o.status == ObligationStatus.OVERDUE ? "OVERDUE: " : "Due: ") + o.recipient + " ("
                + o.regime + ") - " + incidentTitle;
        VEvent event = new VEvent(o.dueAt, Duration.ZERO, summary);
        event.add(new Uid("obligation-" + o.id + "@candor"));
        event.add(new DtStamp(now));
        event.add(new LastModified(o.updatedAt));
        event.add(new Status(Status.VALUE_CONFIRMED));
        StringBuilder text = new StringBuilder();
        text.append("Due ").append(LOCAL.format(o.dueAt.atZone(ZoneId.of(o.timezone))))
                .append(" to ").append(o.recipient).append(". ").append(o.citation).append('.');
        if (o.overridden) {
            text.append(" Due time set by hand (").append(o.overrideReason).append(")");
            if (o.computedDueAt != null) {
                text.append("; the catalogue computes ").append(o.computedDueAt);
            }
            text.append('.');
        }
        if (o.manual) {
            text.append(" Added by hand: ").append(o.overrideReason).append('.');
        }
        text.append(" Obligation ").append(o.id).append(", incident ").append(o.incidentId).append('.');
        event.add(new Description(text.toString()));
        for (Duration before : List.of(Duration.ofHours(24), Duration.ofHours(1))) {
            VAlarm alarm = new VAlarm(before.negated());
            alarm.add(ImmutableAction.DISPLAY);
            alarm.add(new Description(summary));
            event.add(alarm);
        }
        return event;
    }
}
