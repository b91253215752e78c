package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationFailed;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.Recipient;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/**
 * A provider's receipt for a message it accepted: DELIVERED, or BOUNCED with a failure event (and, for a
 * mandatory notice, its fallback on the other channel or the person's not-reached record).
 */
@ApplicationScoped
public class ReceiptService {

    public enum Receipt {
        DELIVERED, BOUNCED
    }

    private final Outbox outbox;
    private final Clock clock;
    private final MandatoryFallback fallback;

    ReceiptService(Outbox outbox, Clock clock, MandatoryFallback fallback) {
        this.outbox = outbox;
        this.clock = clock;
        this.fallback = fallback;
    }

    /**
     * Applies a receipt to the delivery the provider knows as {@code providerRef}. A receipt for a
     * delivery that already has a final receipt changes nothing. Empty when no delivery has that reference.
     */
    @Transactional
    public Optional<DeliveryStatus> apply(String providerRef, Receipt receipt, String reason) {
        List<Delivery> found = Delivery.list("providerRef", providerRef);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Delivery delivery = found.get(0);
        if (delivery.status != DeliveryStatus.SENT) {
            return Optional.of(delivery.status);
        }
        Instant now = clock.instant();
        delivery.finishedAt = now;
        if (receipt == Receipt.DELIVERED) {
            delivery.status = DeliveryStatus.DELIVERED;
        } else {
            delivery.status = DeliveryStatus.BOUNCED;
            delivery.lastError = reason == null ? "bounced" : "bounced: " + truncate(reason);
            Message message = Message.findById(delivery.messageId);
            String customerId = delivery.recipientId == null || delivery.recipientId.startsWith(Recipient.SUBSCRIBER_PREFIX)
                    ? null : delivery.recipientId;
            outbox.record(new NotificationFailed(delivery.id, message.incidentId, customerId, message.messageType,
                    delivery.channel.name(), delivery.lastError, now), now);
            if (message.mandatory && customerId != null) {
                // A bounced mandatory notice goes on the person's other channel, or they are recorded as not reached.
                Delivery.flush();
                fallback.failed(List.of(delivery.id));
            }
        }
        // The message's kept counts follow receipts that arrive after its last progress report.
        Message.getEntityManager().createNativeQuery(receipt == Receipt.DELIVERED
                ? "update message set delivered_count = delivered_count + 1 where id = :id"
                : "update message set bounced_count = bounced_count + 1 where id = :id")
                .setParameter("id", delivery.messageId).executeUpdate();
        Log.infof("Delivery %s: %s", delivery.id, delivery.status);
        return Optional.of(delivery.status);
    }

    private static String truncate(String reason) {
        return reason.length() > 200 ? reason.substring(0, 200) : reason;
    }
}
