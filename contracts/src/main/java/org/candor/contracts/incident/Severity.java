package org.candor.contracts.incident;

/** How bad an incident is, as judged by the incident commander. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
