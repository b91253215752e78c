package org.candor.compliance.domain.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    private final RegimeCatalogue catalogue = Catalogues.shipped();

    private HolidayCalendar calendar(String id) {
        return catalogue.calendar(id);
    }

    @Test
    void usFederalHolidaysOf2026AreComputedByRule() {
        assertThat(calendar("US_FEDERAL").holidays(2026)).extracting(HolidayCalendar.Holiday::date).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16), LocalDate.of(2026, 5, 25),
                LocalDate.of(2026, 6, 19), LocalDate.of(2026, 7, 3), LocalDate.of(2026, 9, 7), LocalDate.of(2026, 10, 12),
                LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25));
    }

    @Test
    void newYearOnSaturdayIsObservedOnTheLastFridayOfThePreviousYear() {
        // 1 January 2022 was a Saturday.
        assertThat(calendar("US_FEDERAL").isHoliday(LocalDate.of(2021, 12, 31))).isTrue();
        assertThat(calendar("US_FEDERAL").holidays(2022)).extracting(HolidayCalendar.Holiday::date)
                .doesNotContain(LocalDate.of(2022, 1, 1), LocalDate.of(2021, 12, 31));
    }

    @Test
    void holidayOnSundayIsObservedOnMonday() {
        // Juneteenth 2022 was a Sunday.
        assertThat(calendar("US_FEDERAL").isHoliday(LocalDate.of(2022, 6, 20))).isTrue();
    }

    @Test
    void juneteenthOnlySince2021() {
        assertThat(calendar("US_FEDERAL").isHoliday(LocalDate.of(2020, 6, 19))).isFalse();
    }

    @Test
    void goodFridayIsNotAFederalHoliday() {
        assertThat(calendar("US_FEDERAL").isBusinessDay(LocalDate.of(2026, 4, 3))).isTrue();
    }

    @Test
    void westernAndOrthodoxEaster() {
        assertThat(HolidayRule.Easter.westernEaster(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(HolidayRule.Easter.westernEaster(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(HolidayRule.Easter.westernEaster(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(HolidayRule.Easter.orthodoxEaster(2026)).isEqualTo(LocalDate.of(2026, 4, 12));
        assertThat(HolidayRule.Easter.orthodoxEaster(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(HolidayRule.Easter.orthodoxEaster(2027)).isEqualTo(LocalDate.of(2027, 5, 2));
    }

    @Test
    void brazilianHolidaysIncludeGoodFridayButNotCarnival() {
        HolidayCalendar brazil = calendar("BR_NATIONAL");

        assertThat(brazil.isHoliday(LocalDate.of(2027, 3, 26))).isTrue();
        assertThat(brazil.isHoliday(LocalDate.of(2027, 2, 9))).isFalse();
        assertThat(brazil.isHoliday(LocalDate.of(2025, 11, 20))).isTrue();
    }

    @Test
    void vermontTownMeetingDayAndBenningtonBattleDayObservedOnMonday() {
        HolidayCalendar vermont = calendar("US_VT");

        assertThat(vermont.isHoliday(LocalDate.of(2026, 3, 3))).isTrue();
        // 16 August 2026 is a Sunday.
        assertThat(vermont.isHoliday(LocalDate.of(2026, 8, 17))).isTrue();
        assertThat(vermont.isHoliday(LocalDate.of(2026, 8, 16))).isFalse();
    }

    @Test
    void germanMovableFeastsFollowEaster() {
        HolidayCalendar germany = calendar("EU_DE");

        assertThat(germany.holidays(2027)).extracting(HolidayCalendar.Holiday::date).contains(
                LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 17));
    }

    @Test
    void everyEuMemberStateHasACalendar() {
        for (String country : new String[] {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
                "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}) {
            assertThat(calendar("EU_" + country)).as(country).isNotNull();
            assertThat(calendar("EU_" + country).holidays(2030)).as(country).isNotEmpty();
        }
    }

    @Test
    void businessDaysSkipWeekendsAndHolidays() {
        // Wednesday 23 December 2026 + 2 business days in Germany: Thursday 24, then Monday 28 (25, 26 holidays).
        assertThat(calendar("EU_DE").addBusinessDays(LocalDate.of(2026, 12, 23), 2)).isEqualTo(LocalDate.of(2026, 12, 28));
    }
}
