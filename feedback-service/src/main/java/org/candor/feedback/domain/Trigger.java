package org.candor.feedback.domain;

/** Why an invitation was sent. */
public enum Trigger {
    TICKET_RESOLVED,
    INCIDENT_RESOLVED,
    CAMPAIGN
}
