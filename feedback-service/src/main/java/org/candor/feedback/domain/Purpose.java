package org.candor.feedback.domain;

/** What a survey is for; triggers pick the newest survey of the purpose they need. */
public enum Purpose {
    /** After a resolved ticket. */
    SATISFACTION,
    /** To an incident's affected customers once it is resolved, and in follow-up waves. */
    TRUST,
    /** Sent by hand to a segment. */
    CAMPAIGN
}
