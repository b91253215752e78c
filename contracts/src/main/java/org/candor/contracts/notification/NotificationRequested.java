package org.candor.contracts.notification;

import java.util.Map;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A command to notification-service: send one message to one person. Any service may send it.
 *
 * @param requestId the request
 * @param idempotencyKey the same key twice means the same message: it is sent once
 * @param requestedBy the sending service, e.g. {@code compliance-service}
 * @param messageType the template, e.g. {@code dpo-deadline-reminder}, {@code survey-invitation}
 * @param incidentId the incident it concerns, or null
 * @param recipient who receives it
 * @param parameters values the template uses
 * @param mandatory a mandatory message ignores opt-outs (it always reaches at least one channel)
 * @param urgent an urgent SMS ignores quiet hours
 */
public record NotificationRequested(UUID requestId, String idempotencyKey, String requestedBy, String messageType,
        UUID incidentId, Recipient recipient, Map<String, String> parameters, boolean mandatory, boolean urgent)
        implements CandorEvent {

    public static final String TYPE = "candor.notification.requested.v1";

    /**
     * Either a known customer ({@code customerId}), or a direct address for staff such as the
     * data-protection officer.
     *
     * @param customerId an affected customer or subscriber known to notification-service, or null
     * @param email a direct address, or null
     * @param phone a direct E.164 number, or null
     * @param locale the language to write in, e.g. {@code de}
     */
    public record Recipient(String customerId, String email, String phone, String locale) {
    }

    @Override
    public String aggregateId() {
        return recipient.customerId() != null ? recipient.customerId() : requestId.toString();
    }
}
