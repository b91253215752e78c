package org.candor.contracts.customer;

import java.time.Instant;

import org.candor.contracts.CandorEvent;

/**
 * Someone confirmed (double opt-in) a subscription to public status updates. Carries contact
 * details, so it travels on the affected-customer topic.
 *
 * @param subscriberId the subscription
 * @param email the confirmed address, or null
 * @param phone the confirmed E.164 number, or null
 * @param locale the language the subscriber reads
 * @param unsubscribeUrl the signed link every message to this subscriber must carry
 */
public record PublicSubscriberConfirmed(String subscriberId, String email, String phone, String locale,
        Instant confirmedAt, String unsubscribeUrl) implements CandorEvent {

    public static final String TYPE = "candor.public-subscriber.confirmed.v1";

    @Override
    public String aggregateId() {
        return subscriberId;
    }
}
