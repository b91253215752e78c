package org.candor.compliance.domain.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.domain.deadline.Catalogues.situation;

import java.time.OffsetDateTime;
import java.util.List;

import org.candor.compliance.domain.deadline.Catalogues.SituationBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeadlineEngineTest {

    private final DeadlineEngine engine = new DeadlineEngine(Catalogues.shipped());

    private List<Deadline> calculate(SituationBuilder situation) {
        return engine.calculate(situation.build());
    }

    private static Deadline find(List<Deadline> deadlines, String regime) {
        return deadlines.stream().filter(d -> d.regime().equals(regime)).findFirst()
                .orElseThrow(() -> new AssertionError(regime + " does not apply; got "
                        + deadlines.stream().map(Deadline::regime).toList()));
    }

    private static OffsetDateTime due(List<Deadline> deadlines, String regime) {
        return find(deadlines, regime).dueAtLocal();
    }

    private static List<String> regimes(List<Deadline> deadlines) {
        return deadlines.stream().map(Deadline::regime).toList();
    }

    @Nested
    class WorkedExamples {

        private List<Deadline> berlinFriday() {
            return calculate(situation("Europe/Berlin").establishedIn("DE").flags(Flag.NIS2_ESSENTIAL)
                    .aware("2026-03-27T16:30:00+01:00").people("DE", 1200).people("GB", 40));
        }

        @Test
        void gdprArt33IsSeventyTwoElapsedHoursAcrossTheSpringDstChange() {
            Deadline gdpr = find(berlinFriday(), "GDPR_ART33");

            assertThat(gdpr.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-03-30T17:30:00+02:00"));
            assertThat(gdpr.dueAt()).hasToString("2026-03-30T15:30:00Z");
            assertThat(gdpr.triggerAssumed()).isFalse();
        }

        @Test
        void nis2NotificationIsSeventyTwoElapsedHours() {
            assertThat(due(berlinFriday(), "NIS2_NOTIFICATION")).isEqualTo(OffsetDateTime.parse("2026-03-30T17:30:00+02:00"));
        }

        @Test
        void nis2EarlyWarningFallsOnSaturdayWithoutRelief() {
            assertThat(due(berlinFriday(), "NIS2_EARLY_WARNING")).isEqualTo(OffsetDateTime.parse("2026-03-28T16:30:00+01:00"));
        }

        @Test
        void ukGdprIsTheSameInstantShownInLondonTime() {
            Deadline uk = find(berlinFriday(), "UK_GDPR_ART33");

            assertThat(uk.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-03-30T16:30:00+01:00"));
            assertThat(uk.timezone().getId()).isEqualTo("Europe/London");
            assertThat(uk.dueAt()).isEqualTo(find(berlinFriday(), "GDPR_ART33").dueAt());
        }

        @Test
        void hipaaIndividualsSixtyDaysAfterDiscoveryEndOfDay() {
            List<Deadline> deadlines = calculate(situation("America/New_York").flags(Flag.HIPAA_COVERED_ENTITY)
                    .aware("2026-01-15T09:00:00-05:00").trigger("DISCOVERY", "2026-01-15T10:00:00-05:00")
                    .peopleIn("US-NY", 120));

            assertThat(due(deadlines, "HIPAA_INDIVIDUALS")).isEqualTo(OffsetDateTime.parse("2026-03-16T23:59:59-04:00"));
        }

        @Test
        void hipaaHhsUnderFiveHundredIsSixtyDaysAfterTheYearOfDiscoveryEnds() {
            List<Deadline> deadlines = calculate(situation("America/New_York").flags(Flag.HIPAA_COVERED_ENTITY)
                    .aware("2026-01-15T09:00:00-05:00").trigger("DISCOVERY", "2026-01-15T10:00:00-05:00")
                    .peopleIn("US-NY", 120));

            assertThat(due(deadlines, "HIPAA_HHS")).isEqualTo(OffsetDateTime.parse("2027-03-01T23:59:59-05:00"));
        }
    }

    @Nested
    class DaylightSavingTime {

        @Test
        void usSpringForwardKeepsElapsedHours() {
            // DST starts in New York on Sunday 8 March 2026: 72 elapsed hours end at 13:00 local, not 12:00.
            List<Deadline> deadlines = calculate(situation("America/New_York").flags(Flag.NYDFS_COVERED_ENTITY)
                    .aware("2026-03-06T12:00:00-05:00").trigger("DETERMINATION", "2026-03-06T12:00:00-05:00"));

            assertThat(due(deadlines, "NYDFS_500_17")).isEqualTo(OffsetDateTime.parse("2026-03-09T13:00:00-04:00"));
        }

        @Test
        void europeanAutumnChangeGivesSeventyTwoElapsedHours() {
            // DST ends in Berlin on Sunday 25 October 2026: 72 hours from Friday 12:00 end on Monday 11:00.
            List<Deadline> deadlines = calculate(situation("Europe/Berlin").aware("2026-10-23T12:00:00+02:00")
                    .people("FR", 10));

            assertThat(due(deadlines, "GDPR_ART33")).isEqualTo(OffsetDateTime.parse("2026-10-26T11:00:00+01:00"));
        }

        @Test
        void australianAutumnChangeGivesSeventyTwoElapsedHours() {
            // DST ends in Sydney on Sunday 5 April 2026 (03:00 AEDT becomes 02:00 AEST).
            List<Deadline> deadlines = calculate(situation("Australia/Sydney").flags(Flag.AU_SOCI_ASSET)
                    .aware("2026-04-03T10:00:00+11:00"));

            assertThat(due(deadlines, "AU_SOCI_RELEVANT")).isEqualTo(OffsetDateTime.parse("2026-04-06T09:00:00+10:00"));
            assertThat(due(deadlines, "AU_SOCI_SIGNIFICANT")).isEqualTo(OffsetDateTime.parse("2026-04-03T22:00:00+11:00"));
        }

        @Test
        void dayCountEndsAtLocalEndOfDayAfterTheChange() {
            // 30 days from 20 March 2026 in Sydney end after daylight saving ended on 5 April: +10:00.
            List<Deadline> deadlines = calculate(situation("Australia/Sydney").flags(Flag.AU_PRIVACY_ACT_ENTITY)
                    .aware("2026-03-20T10:00:00+11:00").people("AU", 3));

            assertThat(due(deadlines, "AU_NDB_ASSESSMENT")).isEqualTo(OffsetDateTime.parse("2026-04-19T23:59:59+10:00"));
        }
    }

    @Nested
    class SecBusinessDays {

        private List<Deadline> determinedAt(String at) {
            return calculate(situation("America/Chicago").flags(Flag.SEC_REGISTRANT).aware("2026-01-02T09:00:00-06:00")
                    .trigger("MATERIALITY_DETERMINATION", at));
        }

        @Test
        void fourBusinessDaysAfterTheDeterminationDayAtHalfPastFiveInNewYork() {
            // Monday 2 March 2026: day 1 Tuesday ... day 4 Friday.
            Deadline sec = find(determinedAt("2026-03-02T10:00:00-05:00"), "SEC_8K_ITEM_105");

            assertThat(sec.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-03-06T17:30:00-05:00"));
            assertThat(sec.timezone().getId()).isEqualTo("America/New_York");
        }

        @Test
        void thanksgivingIsSkipped() {
            // Monday 23 November 2026; Thursday 26 November is Thanksgiving.
            assertThat(due(determinedAt("2026-11-23T10:00:00-05:00"), "SEC_8K_ITEM_105"))
                    .isEqualTo(OffsetDateTime.parse("2026-11-30T17:30:00-05:00"));
        }

        @Test
        void independenceDayOnSaturdayIsObservedOnFriday() {
            // 4 July 2026 is a Saturday, observed Friday 3 July. Wednesday 1 July + 4 business days.
            assertThat(due(determinedAt("2026-07-01T10:00:00-04:00"), "SEC_8K_ITEM_105"))
                    .isEqualTo(OffsetDateTime.parse("2026-07-08T17:30:00-04:00"));
        }

        @Test
        void goodFridayIsABusinessDay() {
            // Tuesday 31 March 2026; Good Friday 3 April counts.
            assertThat(due(determinedAt("2026-03-31T10:00:00-04:00"), "SEC_8K_ITEM_105"))
                    .isEqualTo(OffsetDateTime.parse("2026-04-06T17:30:00-04:00"));
        }

        @Test
        void saturdayDeterminationMakesMondayDayOne() {
            assertThat(due(determinedAt("2026-03-14T11:00:00-04:00"), "SEC_8K_ITEM_105"))
                    .isEqualTo(OffsetDateTime.parse("2026-03-19T17:30:00-04:00"));
        }

        @Test
        void determinationDayIsTakenInNewYorkTime() {
            // 23:30 in Chicago on Friday 13 March is already Saturday 00:30 in New York.
            assertThat(due(determinedAt("2026-03-13T23:30:00-05:00"), "SEC_8K_ITEM_105"))
                    .isEqualTo(OffsetDateTime.parse("2026-03-19T17:30:00-04:00"));
        }

        @Test
        void missingDeterminationIsAssumedAtAwareness() {
            Deadline sec = find(calculate(situation("America/New_York").flags(Flag.SEC_REGISTRANT)
                    .aware("2026-03-02T10:00:00-05:00")), "SEC_8K_ITEM_105");

            assertThat(sec.triggerAssumed()).isTrue();
            assertThat(sec.trigger()).hasToString("MATERIALITY_DETERMINATION");
            assertThat(sec.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-03-06T17:30:00-05:00"));
        }
    }

    @Nested
    class Lgpd {

        private List<Deadline> awareAt(String at, Flag... flags) {
            return calculate(situation("America/Sao_Paulo").flags(flags).aware(at).people("BR", 80));
        }

        @Test
        void blackConsciousnessDayIsANationalHolidaySince2024() {
            // Wednesday 18 November 2026; Friday 20 November is a holiday.
            assertThat(due(awareAt("2026-11-18T10:00:00-03:00"), "BR_LGPD_ANPD"))
                    .isEqualTo(OffsetDateTime.parse("2026-11-24T23:59:59-03:00"));
        }

        @Test
        void twentiethNovemberWasAWorkingDayBefore2024() {
            // Friday 17 November 2023: Monday 20 counted.
            assertThat(due(awareAt("2023-11-17T10:00:00-03:00"), "BR_LGPD_ANPD"))
                    .isEqualTo(OffsetDateTime.parse("2023-11-22T23:59:59-03:00"));
        }

        @Test
        void goodFridayIsSkipped() {
            // Wednesday 1 April 2026; Good Friday 3 April.
            assertThat(due(awareAt("2026-04-01T10:00:00-03:00"), "BR_LGPD_DATA_SUBJECTS"))
                    .isEqualTo(OffsetDateTime.parse("2026-04-07T23:59:59-03:00"));
        }

        @Test
        void smallProcessingAgentsGetSixBusinessDays() {
            // Monday 2 March 2026 + 6 business days.
            assertThat(due(awareAt("2026-03-02T10:00:00-03:00", Flag.SMALL_PROCESSING_AGENT), "BR_LGPD_ANPD"))
                    .isEqualTo(OffsetDateTime.parse("2026-03-10T23:59:59-03:00"));
        }
    }

    @Nested
    class Dora {

        private SituationBuilder financialEntity() {
            return situation("Europe/Berlin").establishedIn("DE").flags(Flag.DORA_FINANCIAL_ENTITY);
        }

        @Test
        void classificationPlusFourHoursWhenThatIsEarlier() {
            List<Deadline> deadlines = calculate(financialEntity().aware("2026-03-02T09:00:00+01:00")
                    .trigger("CLASSIFIED_MAJOR", "2026-03-02T12:00:00+01:00"));

            assertThat(due(deadlines, "DORA_INITIAL")).isEqualTo(OffsetDateTime.parse("2026-03-02T16:00:00+01:00"));
        }

        @Test
        void awarenessPlusTwentyFourHoursCapsALateClassification() {
            List<Deadline> deadlines = calculate(financialEntity().aware("2026-03-02T09:00:00+01:00")
                    .trigger("CLASSIFIED_MAJOR", "2026-03-03T07:00:00+01:00"));

            assertThat(due(deadlines, "DORA_INITIAL")).isEqualTo(OffsetDateTime.parse("2026-03-03T09:00:00+01:00"));
        }

        @Test
        void classificationAfterAwarenessPlusTwentyFourHoursGetsFourHours() {
            List<Deadline> deadlines = calculate(financialEntity().aware("2026-03-02T09:00:00+01:00")
                    .trigger("CLASSIFIED_MAJOR", "2026-03-04T10:00:00+01:00"));

            assertThat(due(deadlines, "DORA_INITIAL")).isEqualTo(OffsetDateTime.parse("2026-03-04T14:00:00+01:00"));
        }

        @Test
        void weekendDeadlineMovesToNoonOfTheNextWorkingDay() {
            List<Deadline> deadlines = calculate(financialEntity().aware("2026-03-06T20:00:00+01:00")
                    .trigger("CLASSIFIED_MAJOR", "2026-03-06T22:00:00+01:00"));

            assertThat(due(deadlines, "DORA_INITIAL")).isEqualTo(OffsetDateTime.parse("2026-03-09T12:00:00+01:00"));
        }

        @Test
        void entitiesWithoutReliefKeepTheWeekendDeadline() {
            List<Deadline> deadlines = calculate(financialEntity().flags(Flag.DORA_NO_WEEKEND_RELIEF)
                    .aware("2026-03-06T20:00:00+01:00").trigger("CLASSIFIED_MAJOR", "2026-03-06T22:00:00+01:00"));

            assertThat(due(deadlines, "DORA_INITIAL")).isEqualTo(OffsetDateTime.parse("2026-03-07T02:00:00+01:00"));
        }

        @Test
        void memberStateHolidaysMoveTheDeadlineToo() {
            // Due Good Friday 3 April 2026 02:00; Easter Monday is a German holiday as well.
            List<Deadline> deadlines = calculate(financialEntity().aware("2026-04-02T21:00:00+02:00")
                    .trigger("CLASSIFIED_MAJOR", "2026-04-02T22:00:00+02:00"));

            assertThat(due(deadlines, "DORA_INITIAL")).isEqualTo(OffsetDateTime.parse("2026-04-07T12:00:00+02:00"));
        }

        @Test
        void intermediateRunsFromTheInitialDueTimeWhileNotSubmitted() {
            Deadline intermediate = find(calculate(financialEntity().aware("2026-03-02T09:00:00+01:00")
                    .trigger("CLASSIFIED_MAJOR", "2026-03-02T12:00:00+01:00")), "DORA_INTERMEDIATE");

            assertThat(intermediate.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-03-05T16:00:00+01:00"));
            assertThat(intermediate.triggerAssumed()).isTrue();
        }

        @Test
        void finalReportGetsReliefEvenWithoutReliefForTheOthers() {
            // Intermediate submitted 28 February: one month later is Saturday 28 March -> Monday 30 March 12:00 (CEST).
            List<Deadline> deadlines = calculate(financialEntity().flags(Flag.DORA_NO_WEEKEND_RELIEF)
                    .aware("2026-02-20T09:00:00+01:00").trigger("CLASSIFIED_MAJOR", "2026-02-20T10:00:00+01:00")
                    .trigger("REPORT_SUBMITTED:DORA_INTERMEDIATE", "2026-02-28T10:00:00+01:00"));

            assertThat(due(deadlines, "DORA_FINAL")).isEqualTo(OffsetDateTime.parse("2026-03-30T12:00:00+02:00"));
        }
    }

    @Nested
    class MonthsAndSubmissions {

        @Test
        void thirtyFirstOfMarchPlusOneMonthIsThirtiethOfApril() {
            List<Deadline> deadlines = calculate(situation("Europe/Berlin").flags(Flag.NIS2_IMPORTANT)
                    .aware("2026-03-28T10:00:00+01:00")
                    .trigger("REPORT_SUBMITTED:NIS2_NOTIFICATION", "2026-03-31T10:00:00+02:00"));

            Deadline finalReport = find(deadlines, "NIS2_FINAL_REPORT");
            assertThat(finalReport.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-04-30T10:00:00+02:00"));
            assertThat(finalReport.triggerAssumed()).isFalse();
        }

        @Test
        void finalReportRunsFromTheNotificationsDueTimeWhileItIsNotSubmitted() {
            List<Deadline> deadlines = calculate(situation("Europe/Berlin").flags(Flag.NIS2_IMPORTANT)
                    .aware("2026-03-28T10:00:00+01:00"));

            assertThat(due(deadlines, "NIS2_NOTIFICATION")).isEqualTo(OffsetDateTime.parse("2026-03-31T11:00:00+02:00"));
            Deadline finalReport = find(deadlines, "NIS2_FINAL_REPORT");
            assertThat(finalReport.dueAtLocal()).isEqualTo(OffsetDateTime.parse("2026-04-30T11:00:00+02:00"));
            assertThat(finalReport.triggerAssumed()).isTrue();
        }

        @Test
        void trustServiceProvidersNotifyWithinTwentyFourHours() {
            List<Deadline> deadlines = calculate(situation("Europe/Berlin")
                    .flags(Flag.NIS2_ESSENTIAL, Flag.TRUST_SERVICE_PROVIDER).aware("2026-03-02T10:00:00+01:00"));

            assertThat(due(deadlines, "NIS2_NOTIFICATION")).isEqualTo(OffsetDateTime.parse("2026-03-03T10:00:00+01:00"));
        }

        @Test
        void californiaAttorneyGeneralFifteenDaysAfterResidentsWereNotified() {
            List<Deadline> deadlines = calculate(situation("America/Los_Angeles").aware("2026-05-01T10:00:00-07:00")
                    .trigger("DISCOVERY", "2026-05-01T10:00:00-07:00")
                    .trigger("REPORT_SUBMITTED:US_CA_INDIVIDUALS", "2026-05-20T15:00:00-07:00")
                    .peopleIn("US-CA", 900));

            assertThat(due(deadlines, "US_CA_INDIVIDUALS")).isEqualTo(OffsetDateTime.parse("2026-05-31T23:59:59-07:00"));
            assertThat(due(deadlines, "US_CA_AG")).isEqualTo(OffsetDateTime.parse("2026-06-04T23:59:59-07:00"));
        }

        @Test
        void vermontAttorneyGeneralCountsVermontBusinessDays() {
            // Discovery Monday 2 March 2026: Town Meeting Day (Tuesday 3 March) does not count.
            List<Deadline> deadlines = calculate(situation("America/New_York").aware("2026-03-02T10:00:00-05:00")
                    .trigger("DISCOVERY", "2026-03-02T10:00:00-05:00").peopleIn("US-VT", 4));

            assertThat(due(deadlines, "US_VT_AG")).isEqualTo(OffsetDateTime.parse("2026-03-23T23:59:59-04:00"));
            assertThat(due(deadlines, "US_VT_INDIVIDUALS")).isEqualTo(OffsetDateTime.parse("2026-04-16T23:59:59-04:00"));
        }
    }

    @Nested
    class ConditionsAndThresholds {

        private List<Deadline> hipaa(long people) {
            return calculate(situation("America/New_York").flags(Flag.HIPAA_COVERED_ENTITY)
                    .aware("2026-01-15T09:00:00-05:00").trigger("DISCOVERY", "2026-01-15T10:00:00-05:00")
                    .peopleIn("US-NJ", people));
        }

        @Test
        void hhsWith499PeopleWaitsForTheYearEnd() {
            assertThat(due(hipaa(499), "HIPAA_HHS")).isEqualTo(OffsetDateTime.parse("2027-03-01T23:59:59-05:00"));
        }

        @Test
        void hhsWith500PeopleIsDueWithTheIndividuals() {
            assertThat(due(hipaa(500), "HIPAA_HHS")).isEqualTo(OffsetDateTime.parse("2026-03-16T23:59:59-04:00"));
        }

        @Test
        void mediaNeedsMoreThan500ResidentsOfOneState() {
            assertThat(regimes(hipaa(500))).doesNotContain("HIPAA_MEDIA");
            assertThat(regimes(hipaa(501))).contains("HIPAA_MEDIA");
        }

        @Test
        void mediaDoesNotAddUpDifferentStates() {
            List<Deadline> deadlines = calculate(situation("America/New_York").flags(Flag.HIPAA_COVERED_ENTITY)
                    .aware("2026-01-15T09:00:00-05:00").peopleIn("US-NJ", 400).peopleIn("US-NY", 400));

            assertThat(regimes(deadlines)).contains("HIPAA_HHS").doesNotContain("HIPAA_MEDIA");
        }

        @Test
        void washingtonAttorneyGeneralNeedsMoreThan500() {
            assertThat(regimes(calculate(state("US-WA", 500)))).contains("US_WA_INDIVIDUALS").doesNotContain("US_WA_AG");
            assertThat(regimes(calculate(state("US-WA", 501)))).contains("US_WA_AG");
        }

        @Test
        void coloradoAttorneyGeneralNeeds500OrMore() {
            assertThat(regimes(calculate(state("US-CO", 499)))).contains("US_CO_INDIVIDUALS").doesNotContain("US_CO_AG");
            assertThat(regimes(calculate(state("US-CO", 500)))).contains("US_CO_AG");
        }

        @Test
        void ftcSafeguardsNeeds500Consumers() {
            SituationBuilder base = situation("America/New_York").flags(Flag.GLBA_FINANCIAL_INSTITUTION)
                    .aware("2026-01-15T09:00:00-05:00");
            assertThat(regimes(calculate(base.peopleIn("US-NJ", 499)))).doesNotContain("FTC_SAFEGUARDS");
            assertThat(regimes(calculate(base.peopleIn("US-NY", 1)))).contains("FTC_SAFEGUARDS");
        }

        private SituationBuilder state(String region, long people) {
            return situation("America/New_York").aware("2026-01-15T09:00:00-05:00").peopleIn(region, people);
        }

        @Test
        void art34IsAsapWithoutADueTime() {
            Deadline art34 = find(calculate(situation("Europe/Paris").aware("2026-01-15T09:00:00+01:00")
                    .people("FR", 10).highRisk()), "GDPR_ART34");

            assertThat(art34.asap()).isTrue();
            assertThat(art34.dueAt()).isNull();
            assertThat(art34.dueAtLocal()).isNull();
        }

        @Test
        void noHighRiskNoArt34() {
            assertThat(regimes(calculate(situation("Europe/Paris").aware("2026-01-15T09:00:00+01:00").people("FR", 10))))
                    .contains("GDPR_ART33").doesNotContain("GDPR_ART34");
        }

        @Test
        void riskAssessedAsUnlikelyNeedsNoArt33() {
            assertThat(regimes(calculate(situation("Europe/Paris").aware("2026-01-15T09:00:00+01:00").people("FR", 10)
                    .riskLevel(Situation.RISK_UNLIKELY)))).doesNotContain("GDPR_ART33");
        }

        @Test
        void peopleOutsideTheEuDoNotTriggerGdpr() {
            assertThat(regimes(calculate(situation("Europe/Paris").aware("2026-01-15T09:00:00+01:00").people("CH", 10)
                    .highRisk()))).contains("CH_FADP").doesNotContain("GDPR_ART33", "GDPR_ART34");
        }

        @Test
        void koreanHackingOrThresholdRule() {
            SituationBuilder few = situation("Asia/Seoul").aware("2026-01-15T09:00:00+09:00").people("KR", 999);
            assertThat(regimes(calculate(few))).doesNotContain("KR_PIPA");
            assertThat(regimes(calculate(situation("Asia/Seoul").aware("2026-01-15T09:00:00+09:00").people("KR", 1000))))
                    .contains("KR_PIPA");
        }

        @Test
        void singaporeThreeDaysAfterTheDayOfAssessment() {
            List<Deadline> deadlines = calculate(situation("Asia/Singapore").aware("2026-01-10T09:00:00+08:00")
                    .trigger("ASSESSMENT", "2026-01-12T23:00:00+08:00").people("SG", 500));

            assertThat(due(deadlines, "SG_PDPA")).isEqualTo(OffsetDateTime.parse("2026-01-15T23:59:59+08:00"));
        }

        @Test
        void certInSixHours() {
            List<Deadline> deadlines = calculate(situation("Asia/Kolkata").aware("2026-01-10T21:00:00+05:30")
                    .people("IN", 1));

            assertThat(due(deadlines, "IN_CERT_IN")).isEqualTo(OffsetDateTime.parse("2026-01-11T03:00:00+05:30"));
        }

        @Test
        void resultsAreOrderedAsapFirstThenByDueTime() {
            List<Deadline> deadlines = calculate(situation("Europe/Berlin").establishedIn("DE").flags(Flag.NIS2_ESSENTIAL)
                    .aware("2026-03-27T16:30:00+01:00").people("DE", 1200).highRisk());

            assertThat(regimes(deadlines)).containsExactly("GDPR_ART34", "NIS2_EARLY_WARNING", "GDPR_ART33",
                    "NIS2_NOTIFICATION", "NIS2_FINAL_REPORT");
        }
    }
}
