package org.candor.contracts;

/** Kafka header names of a CloudEvents 1.0 event in binary content mode. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    /** The only CloudEvents version Candor produces and accepts. */
    public static final String SUPPORTED_SPEC_VERSION = "1.0";

    private CloudEventHeaders() {
    }
}
