package org.candor.incident.domain;

import java.time.Instant;

/**
 * An external expert engaged for the incident.
 *
 * @param kind FORENSICS, COUNSEL, PR or OTHER
 * @param name the firm or person
 * @param engagedAt when they were engaged
 */
public record Expert(ExpertKind kind, String name, Instant engagedAt) {

    public enum ExpertKind {
        FORENSICS, COUNSEL, PR, OTHER
    }
}
