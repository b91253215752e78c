package org.candor.contracts.incident;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A risk assessment was recorded for the incident (GDPR Art. 33/34).
 *
 * @param likelihood LOW, MEDIUM, HIGH
 * @param impact LOW, MEDIUM, HIGH
 * @param riskLevel NONE_OR_UNLIKELY, RISK, HIGH_RISK
 * @param highRiskToIndividuals whether affected people must be told (GDPR Art. 34)
 */
public record RiskAssessed(UUID incidentId, UUID assessmentId, String likelihood, String impact, String riskLevel,
        boolean highRiskToIndividuals, Instant assessedAt) implements CandorEvent {

    public static final String TYPE = "candor.incident.risk-assessed.v1";

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
