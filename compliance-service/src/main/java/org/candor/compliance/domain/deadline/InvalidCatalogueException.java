package org.candor.compliance.domain.deadline;

import java.util.List;

/** The regime catalogue or a holiday calendar is broken; the service must not start with it. */
public class InvalidCatalogueException extends RuntimeException {

    private final transient List<String> errors;
    private final String source;

    public InvalidCatalogueException(String source, List<String> errors) {
        super("The regime catalogue is invalid (" + source + "), the service cannot compute deadlines with it:\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
        this.source = source;
    }

    /** The file the errors are in. */
    public String source() {
        return source;
    }

    public List<String> errors() {
        return errors;
    }
}
