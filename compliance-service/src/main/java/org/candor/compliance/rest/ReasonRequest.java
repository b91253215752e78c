package org.candor.compliance.rest;

/**
 * Why a change is made, e.g. an override withdrawn.
 *
 * @param reason required, kept in the audit chain
 */
public record ReasonRequest(String reason) {
}
