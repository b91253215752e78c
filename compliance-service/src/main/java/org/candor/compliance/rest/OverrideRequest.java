package org.candor.compliance.rest;

/**
 * A due time a compliance officer sets instead of the computed one, earlier or later (e.g. an extension the
 * authority granted, or counsel's stricter reading).
 *
 * @param dueAt ISO 8601 with offset
 * @param reason why; required, kept in the audit chain
 */
public record OverrideRequest(String dueAt, String reason) {
}
