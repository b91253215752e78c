package org.candor.compliance.rest;

/**
 * A moment that starts legal clocks, learnt after the incident was declared.
 *
 * @param type DISCOVERY, DETERMINATION, MATERIALITY_DETERMINATION, CLASSIFIED_MAJOR, ASSESSMENT, RANSOM_PAYMENT or
 *        REPORT_SUBMITTED:&lt;REGIME_ID&gt;
 * @param at ISO 8601 with offset
 */
public record TriggerRequest(String type, String at) {
}
