package org.candor.compliance.rest;

/**
 * A report submitted to an obligation's recipient.
 *
 * @param submittedAt ISO 8601 with offset
 * @param channel how it was submitted, e.g. the authority's portal
 * @param reference the recipient's reference number
 * @param documentSha256 hex SHA-256 of the submitted document
 * @param phase INITIAL (default), ADDITIONAL (phased reporting, GDPR Art. 33(4)) or FINAL
 * @param lateReason required when submitted after the deadline
 */
public record FilingRequest(String submittedAt, String channel, String reference, String documentSha256, String phase,
        String lateReason) {
}
