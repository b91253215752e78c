package org.candor.compliance.rest;

/**
 * An obligation the catalogue does not compute, added by a compliance officer (e.g. a contractual duty to
 * tell a customer, or a regulator the catalogue does not know).
 *
 * @param recipient who must be told, e.g. "Illinois Attorney General"
 * @param dueAt ISO 8601 with offset
 * @param citation the legal or contractual basis
 * @param reason why it is added; kept in the audit chain
 */
public record ManualObligationRequest(String recipient, String dueAt, String citation, String reason) {
}
