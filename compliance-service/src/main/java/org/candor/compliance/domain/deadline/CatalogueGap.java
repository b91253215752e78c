package org.candor.compliance.domain.deadline;

/**
 * Affected people in a place for which the catalogue holds no reporting rule: the engine cannot say
 * what that place's law requires, so the officer must check it. In the United States each state, DC
 * and each territory has its own breach-notification law, so US gaps are per state; elsewhere per country.
 *
 * @param country ISO 3166-1 alpha-2
 * @param region ISO 3166-2 (e.g. {@code US-IL}); null for a whole country, or US residents whose state is not known
 * @param people affected people there
 * @param warning what the officer must do, in English
 */
public record CatalogueGap(String country, String region, long people, String warning) {
}
