package org.candor.compliance.domain.deadline;

/** The moments that start legal clocks; each is stored separately. */
public enum TriggerType {
    AWARENESS, DISCOVERY, DETERMINATION, MATERIALITY_DETERMINATION, CLASSIFIED_MAJOR, ASSESSMENT, RANSOM_PAYMENT,
    /** Submission of an earlier report; carries the regime id of that report. */
    REPORT_SUBMITTED
}
