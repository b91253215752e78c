package org.candor.compliance.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.compliance.config.CatalogueInForce;
import org.candor.compliance.domain.deadline.CatalogueGap;
import org.candor.compliance.domain.deadline.Countries;
import org.candor.compliance.domain.deadline.Deadline;
import org.candor.compliance.domain.deadline.Flag;
import org.candor.compliance.domain.deadline.Situation;
import org.candor.compliance.domain.deadline.TriggerKey;
import org.candor.compliance.rest.CalculationRequest;
import org.candor.contracts.incident.DataCategory;

/** Answers what-if questions with the deadline engine, without any incident. */
@ApplicationScoped
public class CalculatorService {

    private static final Set<String> RISK_LEVELS = Set.of(Situation.RISK_UNLIKELY, "RISK", "HIGH_RISK");

    private final CatalogueInForce catalogues;

    CalculatorService(CatalogueInForce catalogues) {
        this.catalogues = catalogues;
    }

    /**
     * @param deadlines every deadline that applies
     * @param gaps places in the population that no regime covers
     */
    public record Calculation(List<Deadline> deadlines, List<CatalogueGap> gaps) {
    }

    /** The deadlines for the request; a 400 problem naming every invalid field otherwise. */
    public Calculation calculate(CalculationRequest request) {
        Situation situation = situation(request);
        var engine = catalogues.engine();
        return new Calculation(engine.calculate(situation), engine.catalogue().gaps(situation.population()));
    }

    Situation situation(CalculationRequest request) {
        Inputs inputs = new Inputs();
        if (request == null) {
            inputs.reject("", "a request body is required");
            inputs.throwIfInvalid("The request is invalid");
        }
        ZoneId zone = null;
        List<String> establishments = List.of();
        Set<Flag> flags = Set.of();
        if (request.profile() == null) {
            inputs.reject("profile", "is required");
        } else {
            zone = inputs.zone("profile.timezone", request.profile().timezone());
            establishments = inputs.countries("profile.establishments", request.profile().establishments());
            flags = inputs.flags("profile.flags", request.profile().flags());
        }
        Map<TriggerKey, Instant> triggers = triggers(inputs, request.triggers());
        List<Situation.Population> population = population(inputs, request.population());
        if (request.riskLevel() != null && !RISK_LEVELS.contains(request.riskLevel())) {
            inputs.reject("riskLevel", "'" + request.riskLevel() + "' is not one of " + RISK_LEVELS);
        }
        Set<DataCategory> categories = inputs.categories("dataCategories", request.dataCategories());
        inputs.throwIfInvalid("The calculation request has invalid fields");
        return new Situation(zone, establishments, flags, triggers, population,
                Boolean.TRUE.equals(request.highRisk()), request.riskLevel(), categories);
    }

    private Map<TriggerKey, Instant> triggers(Inputs inputs, Map<String, String> given) {
        Map<TriggerKey, Instant> triggers = new HashMap<>();
        if (given == null || given.isEmpty()) {
            inputs.reject("triggers.AWARENESS", "is required: awareness starts every clock a missing trigger falls back to");
            return triggers;
        }
        given.forEach((name, value) -> {
            String field = "triggers." + name;
            TriggerKey key;
            try {
                key = TriggerKey.parse(name);
            } catch (IllegalArgumentException e) {
                inputs.reject(field, e.getMessage());
                return;
            }
            if (key.regime() != null && !catalogues.catalogue().contains(key.regime())) {
                inputs.reject(field, "'" + key.regime() + "' is not a regime of the catalogue");
                return;
            }
            Instant at = inputs.instant(field, value);
            if (at != null) {
                triggers.put(key, at);
            }
        });
        if (!given.containsKey(TriggerKey.AWARENESS.toString())) {
            inputs.reject("triggers.AWARENESS", "is required: awareness starts every clock a missing trigger falls back to");
        }
        return triggers;
    }

    private static List<Situation.Population> population(Inputs inputs, List<CalculationRequest.PopulationEntry> entries) {
        List<Situation.Population> population = new ArrayList<>();
        if (entries == null) {
            return population;
        }
        for (int i = 0; i < entries.size(); i++) {
            CalculationRequest.PopulationEntry entry = entries.get(i);
            String at = "population[" + i + "]";
            if (entry == null) {
                inputs.reject(at, "is empty");
                continue;
            }
            String country = inputs.country(at + ".country", entry.country());
            boolean valid = country != null;
            if (entry.region() != null) {
                if (!Countries.isRegion(entry.region())) {
                    inputs.reject(at + ".region", "'" + entry.region() + "' is not an ISO 3166-2 region (e.g. US-TX)");
                    valid = false;
                } else if (country != null && !entry.region().startsWith(country + "-")) {
                    inputs.reject(at + ".region", "'" + entry.region() + "' is not in " + country);
                    valid = false;
                }
            }
            if (entry.count() == null) {
                inputs.reject(at + ".count", "is required");
                valid = false;
            } else if (entry.count() < 0) {
                inputs.reject(at + ".count", "must not be negative");
                valid = false;
            }
            if (valid) {
                population.add(new Situation.Population(country, entry.region(), entry.count()));
            }
        }
        return population;
    }
}
