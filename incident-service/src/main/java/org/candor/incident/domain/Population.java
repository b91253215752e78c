package org.candor.incident.domain;

import java.util.List;

import org.candor.contracts.incident.AffectedPopulationSummarized.PopulationCount;

/** How many people an incident affects: in total, per country and per country and region. */
public record Population(long total, List<PopulationCount> counts) {
}
