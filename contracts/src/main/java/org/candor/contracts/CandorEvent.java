package org.candor.contracts;

/**
 * The data of a Candor domain event. Implementations are immutable records named as past-tense
 * facts; each declares its CloudEvents type in a {@code TYPE} constant and is listed in {@link EventCatalog}.
 */
public interface CandorEvent {

    /** The id of the aggregate the event is about; it becomes the Kafka key and {@code ce_subject}. */
    String aggregateId();
}
