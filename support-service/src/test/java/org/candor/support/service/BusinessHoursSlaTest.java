package org.candor.support.service;

import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.equalTo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.support.MutableClock;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * SLA clocks of a queue open Mon–Fri 09:00–18:00 in Berlin (and of a desk with longer weekday hours and a
 * short Saturday), on a clock the test moves. HIGH priority: first response within 60 minutes of business time.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class BusinessHoursSlaTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    MutableClock clock;

    @Inject
    SlaService sla;

    @Test
    void ticketOpenedFridayEveningIsDueMondayMorning() {
        String queue = officeQueue(List.of());
        ZonedDateTime friday = nextFriday(LocalTime.of(17, 55));
        clock.moveTo(friday.toInstant());

        String id = openHigh(queue);

        ZonedDateTime monday = friday.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(LocalTime.of(9, 55));
        agent().get("/api/tickets/" + id).then().body("sla.due.FIRST_RESPONSE", equalTo(monday.toInstant().toString()));
    }

    @Test
    void weekendDoesNotBreachAndTheFirstBusinessHourDoes() {
        String queue = officeQueue(List.of());
        ZonedDateTime friday = nextFriday(LocalTime.of(17, 55));
        clock.moveTo(friday.toInstant());
        String id = openHigh(queue);

        ZonedDateTime monday = friday.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.moveTo(monday.with(LocalTime.of(9, 50)).toInstant());
        checkAllDue();
        agent().get("/api/tickets/" + id).then().body("sla.breached", equalTo(false)).body("sla.atRisk", equalTo(true));

        clock.moveTo(monday.with(LocalTime.of(9, 56)).toInstant());
        checkAllDue();
        agent().get("/api/tickets/" + id).then().body("sla.breachedTargets", equalTo(List.of("FIRST_RESPONSE")));
    }

    @Test
    void holidayIsSkipped() {
        ZonedDateTime friday = nextFriday(LocalTime.of(17, 55));
        ZonedDateTime monday = friday.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        String queue = officeQueue(List.of(monday.toLocalDate().toString()));
        clock.moveTo(friday.toInstant());

        String id = openHigh(queue);

        agent().get("/api/tickets/" + id).then().body("sla.due.FIRST_RESPONSE",
                equalTo(monday.plusDays(1).with(LocalTime.of(9, 55)).toInstant().toString()));
    }

    @Test
    void clockPausesWhileWaitingForTheCustomerAcrossTheNight() {
        String queue = officeQueue(List.of());
        ZonedDateTime monday = nextFriday(LocalTime.of(10, 0)).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.moveTo(monday.toInstant());
        String id = openHigh(queue);

        clock.moveTo(monday.with(LocalTime.of(10, 30)).toInstant());
        agent().body(Map.of("status", "PENDING_CUSTOMER")).post("/api/tickets/" + id + "/status").then().statusCode(200)
                .body("sla.paused", equalTo(true));
        // The customer answers on Tuesday at 11:00: a day of business hours passed while the clock was paused.
        clock.moveTo(monday.plusDays(1).with(LocalTime.of(11, 0)).toInstant());
        checkAllDue();
        agent().get("/api/tickets/" + id).then().body("sla.breached", equalTo(false));
        agent().body(Map.of("body", "Here is my contract number")).post("/api/tickets/" + id + "/customer-messages")
                .then().statusCode(201);

        agent().get("/api/tickets/" + id).then().body("sla.paused", equalTo(false)).body("sla.due.FIRST_RESPONSE",
                equalTo(monday.plusDays(1).with(LocalTime.of(11, 30)).toInstant().toString()));
    }

    @Test
    void ticketOpenedFridayEveningInADeskOpenOnSaturdayIsDueSaturdayAtItsOwnOpeningHour() {
        String queue = deskQueue();
        ZonedDateTime friday = nextFriday(LocalTime.of(19, 55));
        clock.moveTo(friday.toInstant());

        String id = openHigh(queue);

        // 5 minutes on Friday until 20:00, 55 from Saturday's 10:00 (not the weekdays' 08:00).
        agent().get("/api/tickets/" + id).then().body("sla.due.FIRST_RESPONSE",
                equalTo(friday.plusDays(1).with(LocalTime.of(10, 55)).toInstant().toString()));
    }

    @Test
    void clockPausedOnSaturdayResumesIntoMondayAfterAClosedSunday() {
        String queue = deskQueue();
        ZonedDateTime saturday = nextFriday(LocalTime.of(15, 0)).plusDays(1);
        clock.moveTo(saturday.toInstant());
        String id = openHigh(queue);

        // 30 minutes of the hour pass before Saturday's 15:30; then the ticket waits for the customer.
        clock.moveTo(saturday.with(LocalTime.of(15, 30)).toInstant());
        agent().body(Map.of("status", "PENDING_CUSTOMER")).post("/api/tickets/" + id + "/status").then().statusCode(200)
                .body("sla.paused", equalTo(true));
        // The customer answers on Monday at 07:00, before the desk opens at 08:00.
        ZonedDateTime monday = saturday.plusDays(2);
        clock.moveTo(monday.with(LocalTime.of(7, 0)).toInstant());
        agent().body(Map.of("body", "Here is my contract number")).post("/api/tickets/" + id + "/customer-messages")
                .then().statusCode(201);

        agent().get("/api/tickets/" + id).then().body("sla.paused", equalTo(false)).body("sla.due.FIRST_RESPONSE",
                equalTo(monday.with(LocalTime.of(8, 30)).toInstant().toString()));
    }

    @Test
    void holidaysOfA24By7QueueAreRejectedNamingTheField() {
        supervisor().body(Map.of("name", "Hotline", "timeZone", "UTC", "autoAssign", false, "holidays", List.of("2027-01-01")))
                .put("/api/queues/hotline-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(400).body("errors[0].field", equalTo("holidays"));
    }

    /** The next Friday at least a day after the test clock, at {@code time} in Berlin. */
    private ZonedDateTime nextFriday(LocalTime time) {
        return clock.instant().atZone(BERLIN).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.FRIDAY)).with(time);
    }

    private String officeQueue(List<String> holidays) {
        String queue = "office-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Office", "businessStart", "09:00", "businessEnd", "18:00",
                "businessDays", "MON,TUE,WED,THU,FRI", "timeZone", "Europe/Berlin", "holidays", holidays,
                "autoAssign", false)).put("/api/queues/" + queue).then().statusCode(200)
                .body("holidays", equalTo(holidays));
        return queue;
    }

    /** Mon–Fri 08:00–20:00 and Sat 10:00–16:00 in Berlin, closed on Sunday. */
    private String deskQueue() {
        String queue = "desk-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, String>> week = new ArrayList<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI")) {
            week.add(Map.of("day", day, "start", "08:00", "end", "20:00"));
        }
        week.add(Map.of("day", "SAT", "start", "10:00", "end", "16:00"));
        supervisor().body(Map.of("name", "Desk", "weekdayHours", week, "timeZone", "Europe/Berlin", "autoAssign", false))
                .put("/api/queues/" + queue).then().statusCode(200);
        return queue;
    }

    private void checkAllDue() {
        // Tickets of other tests may fall due too; a batch at a time until nothing more crosses.
        for (int round = 0; round < 100 && sla.checkDue() > 0; round++) {
            // next batch
        }
    }

    private static String openHigh(String queue) {
        return openTicket(agent(), Map.of("channel", "HOTLINE", "queue", queue, "priority", "HIGH",
                "subject", "Is my account safe?", "locale", "de")).then().statusCode(201).extract().path("id");
    }
}
