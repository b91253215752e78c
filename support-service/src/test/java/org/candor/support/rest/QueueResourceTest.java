package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Queues with business hours per weekday, and the single window that existing clients send. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class QueueResourceTest {

    private static final List<Map<String, String>> DESK_HOURS = List.of(
            hours("MON", "08:00", "20:00"), hours("TUE", "08:00", "20:00"), hours("WED", "08:00", "20:00"),
            hours("THU", "08:00", "20:00"), hours("FRI", "08:00", "20:00"), hours("SAT", "10:00", "16:00"));

    @Test
    void queueWithWeekdayHoursIsCreatedAndReadBack() {
        String code = code();

        save(code, Map.of("weekdayHours", DESK_HOURS, "holidays", List.of("2026-12-26"))).statusCode(200);

        JsonPath queue = agent().get("/api/queues").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.code == '" + code + "' }");
        assertThat(queue.getList("weekdayHours.day")).containsExactly("MON", "TUE", "WED", "THU", "FRI", "SAT");
        assertThat(queue.getString("weekdayHours[5].start")).isEqualTo("10:00:00");
        assertThat(queue.getString("weekdayHours[5].end")).isEqualTo("16:00:00");
        assertThat(queue.getString("weekdayHours[0].start")).isEqualTo("08:00:00");
        assertThat(queue.getString("weekdayHours[0].end")).isEqualTo("20:00:00");
        assertThat(queue.getString("businessDays")).isEqualTo("MON,TUE,WED,THU,FRI,SAT");
        // The hours differ between days, so there is no single window to show.
        assertThat(queue.getString("businessStart")).isNull();
        assertThat(queue.getString("businessEnd")).isNull();
        assertThat(queue.getList("holidays")).containsExactly("2026-12-26");
    }

    @Test
    void weekdayHoursAreReturnedMondayFirstWhateverTheOrderGiven() {
        save(code(), Map.of("weekdayHours", List.of(hours("sat", "10:00", "16:00"), hours("MONDAY", "08:00", "20:00"))))
                .statusCode(200)
                .body("weekdayHours.day", equalTo(List.of("MON", "SAT")))
                .body("businessDays", equalTo("MON,SAT"));
    }

    @Test
    void singleWindowIsReturnedAsTheSameHoursOnEachBusinessDay() {
        save(code(), Map.of("businessStart", "09:00", "businessEnd", "17:00", "businessDays", "MON,WED")).statusCode(200)
                .body("businessStart", equalTo("09:00:00"))
                .body("businessDays", equalTo("MON,WED"))
                .body("weekdayHours.day", equalTo(List.of("MON", "WED")))
                .body("weekdayHours.start", equalTo(List.of("09:00:00", "09:00:00")))
                .body("weekdayHours.end", equalTo(List.of("17:00:00", "17:00:00")));
    }

    @Test
    void weekdayHoursThatAreTheSameEveryDayAreAlsoTheSingleWindow() {
        save(code(), Map.of("weekdayHours", List.of(hours("MON", "09:00", "17:00"), hours("TUE", "09:00", "17:00"))))
                .statusCode(200)
                .body("businessStart", equalTo("09:00:00"))
                .body("businessEnd", equalTo("17:00:00"))
                .body("businessDays", equalTo("MON,TUE"));
    }

    @Test
    void queueWithoutHoursIsStillAroundTheClock() {
        save(code(), Map.of()).statusCode(200)
                .body("businessStart", nullValue())
                .body("businessDays", nullValue())
                .body("weekdayHours", equalTo(List.of()));
    }

    @Test
    void unknownDayIsRejectedNamingIt() {
        invalid(Map.of("weekdayHours", List.of(hours("MON", "08:00", "20:00"), hours("FUNDAY", "10:00", "16:00"))))
                .body("errors[0].field", equalTo("weekdayHours[1].day"))
                .body("errors[0].message", containsString("FUNDAY"));
    }

    @Test
    void dayGivenTwiceIsRejectedNamingTheSecond() {
        invalid(Map.of("weekdayHours", List.of(hours("MON", "08:00", "20:00"), hours("SAT", "10:00", "16:00"),
                hours("MON", "09:00", "17:00"))))
                .body("errors[0].field", equalTo("weekdayHours[2].day"))
                .body("errors[0].message", containsString("MON"));
    }

    @Test
    void endBeforeStartIsRejectedNamingTheEnd() {
        invalid(Map.of("weekdayHours", List.of(hours("SAT", "16:00", "10:00"))))
                .body("errors[0].field", equalTo("weekdayHours[0].end"))
                .body("errors[0].message", containsString("after start"));
    }

    @Test
    void endEqualToStartIsRejectedNamingTheEnd() {
        invalid(Map.of("weekdayHours", List.of(hours("MON", "08:00", "20:00"), hours("SUN", "10:00", "10:00"))))
                .body("errors[0].field", equalTo("weekdayHours[1].end"));
    }

    @Test
    void missingStartIsRejectedNamingIt() {
        Map<String, String> noStart = new HashMap<>(hours("TUE", "08:00", "20:00"));
        noStart.remove("start");

        invalid(Map.of("weekdayHours", List.of(noStart))).body("errors[0].field", equalTo("weekdayHours[0].start"));
    }

    @Test
    void unreadableTimeIsRejectedNamingIt() {
        invalid(Map.of("weekdayHours", List.of(hours("MON", "08:00", "20:00"), hours("TUE", "25:00", "20:00"))))
                .body("errors[0].field", equalTo("weekdayHours[1].start"));
    }

    @Test
    void weekdayHoursTogetherWithTheSingleWindowAreRejected() {
        invalid(Map.of("weekdayHours", DESK_HOURS, "businessStart", "09:00", "businessEnd", "17:00",
                "businessDays", "MON,TUE,WED,THU,FRI"))
                .body("errors[0].field", equalTo("weekdayHours"));
    }

    @Test
    void aBadDayLeavesTheQueueAsItWas() {
        String code = code();
        save(code, Map.of("businessStart", "09:00", "businessEnd", "17:00", "businessDays", "MON,TUE,WED,THU,FRI"))
                .statusCode(200);

        save(code, Map.of("weekdayHours", List.of(hours("SAT", "16:00", "10:00")))).statusCode(400);

        JsonPath queue = agent().get("/api/queues").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.code == '" + code + "' }");
        assertThat(queue.getString("businessDays")).isEqualTo("MON,TUE,WED,THU,FRI");
        assertThat(queue.getList("weekdayHours.day")).containsExactly("MON", "TUE", "WED", "THU", "FRI");
    }

    @Test
    void apiDescriptionOffersWeekdayHoursOnTheQueue() {
        JsonPath api = org.candor.testsupport.Management.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();

        assertThat(api.getString("components.schemas.SaveQueue.properties.weekdayHours.type")).isEqualTo("array");
        assertThat(api.getString("components.schemas.QueueView.properties.weekdayHours.type")).isEqualTo("array");
        assertThat(api.getMap("components.schemas.DayHoursView.properties")).containsKeys("day", "start", "end");
    }

    private static ValidatableResponse invalid(Map<String, Object> fields) {
        return save(code(), fields).statusCode(400).contentType("application/problem+json");
    }

    private static ValidatableResponse save(String code, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Desk", "timeZone", "Europe/Berlin", "autoAssign", false));
        body.putAll(fields);
        return supervisor().body(body).put("/api/queues/" + code).then();
    }

    private static Map<String, String> hours(String day, String start, String end) {
        return Map.of("day", day, "start", start, "end", end);
    }

    private static String code() {
        return "desk-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
