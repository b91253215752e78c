package org.candor.compliance.domain.deadline;

import java.util.Objects;

/**
 * A trigger name: a {@link TriggerType}, or {@code REPORT_SUBMITTED:<REGIME_ID>} for a stage that runs
 * from the submission of an earlier report.
 */
public record TriggerKey(TriggerType type, String regime) {

    public static final TriggerKey AWARENESS = new TriggerKey(TriggerType.AWARENESS, null);

    public TriggerKey {
        Objects.requireNonNull(type, "type");
        if ((type == TriggerType.REPORT_SUBMITTED) != (regime != null)) {
            throw new IllegalArgumentException("REPORT_SUBMITTED, and only it, names a regime");
        }
    }

    public static TriggerKey of(TriggerType type) {
        return new TriggerKey(type, null);
    }

    public static TriggerKey submitted(String regime) {
        return new TriggerKey(TriggerType.REPORT_SUBMITTED, regime);
    }

    /** Parses {@code AWARENESS} or {@code REPORT_SUBMITTED:NIS2_NOTIFICATION}; throws IllegalArgumentException. */
    public static TriggerKey parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a trigger name is required");
        }
        int colon = name.indexOf(':');
        String typeName = colon < 0 ? name : name.substring(0, colon);
        TriggerType type;
        try {
            type = TriggerType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a trigger (one of "
                    + java.util.Arrays.toString(TriggerType.values()) + ", REPORT_SUBMITTED:<REGIME_ID>)");
        }
        if (type == TriggerType.REPORT_SUBMITTED) {
            if (colon < 0 || colon == name.length() - 1) {
                throw new IllegalArgumentException("REPORT_SUBMITTED needs a regime id: REPORT_SUBMITTED:<REGIME_ID>");
            }
            return submitted(name.substring(colon + 1));
        }
        if (colon >= 0) {
            throw new IllegalArgumentException("'" + name + "': only REPORT_SUBMITTED takes a regime id");
        }
        return of(type);
    }

    @Override
    public String toString() {
        return regime == null ? type.name() : type.name() + ":" + regime;
    }
}
