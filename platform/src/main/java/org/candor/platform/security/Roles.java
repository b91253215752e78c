package org.candor.platform.security;

/** Staff roles, as carried in the {@code groups} claim of a bearer token. */
public final class Roles {

    public static final String INCIDENT_COMMANDER = "incident-commander";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String SUPPORT_SUPERVISOR = "support-supervisor";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String ANALYST = "analyst";

    private Roles() {
    }
}
