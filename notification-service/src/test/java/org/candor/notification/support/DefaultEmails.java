package org.candor.notification.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.candor.notification.client.EmailClient;
import org.candor.notification.domain.Channel;
import org.candor.notification.rest.TemplateResource;
import org.candor.notification.service.DeliveryStore;
import org.candor.notification.service.EmailMessages;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.OptOutLinks;

/**
 * Every default email template in every language, built and sent exactly as the delivery worker
 * does it ({@link EmailMessages} and {@link EmailClient}: a customer's opt-out link on every message
 * that is not mandatory, a subscriber's links on public updates) with the sample data of the
 * template preview, and the raw message as GreenMail received it.
 */
public final class DefaultEmails {

    /** One template in one language as it arrived. */
    public record Sent(String type, String language, UUID deliveryId, String recipientId, boolean mandatory, byte[] raw) {

        public String name() {
            return type + "." + language;
        }
    }

    private DefaultEmails() {
    }

    /** Message types that go out by email. */
    public static List<String> emailTypes() {
        return MessageCatalog.types().stream()
                .filter(type -> MessageCatalog.channels(type).orElseThrow().contains(Channel.EMAIL)).toList();
    }

    public static List<Sent> sendAll(EmailMessages messages, EmailClient email, OptOutLinks optOutLinks) {
        List<Sent> sent = new ArrayList<>();
        for (String type : emailTypes()) {
            for (String language : List.of("de", "en")) {
                sent.add(send(messages, email, optOutLinks, type, language));
            }
        }
        return sent;
    }

    public static Sent send(EmailMessages messages, EmailClient email, OptOutLinks optOutLinks, String type,
            String language) {
        boolean mandatory = type.equals(MessageCatalog.BREACH_NOTICE);
        boolean subscriber = type.equals(MessageCatalog.PUBLIC_STATUS_UPDATE);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String recipientId = subscriber ? "subscriber:" + UUID.randomUUID() : "C-" + tag;
        String address = type.replace("-", "") + "." + language + "." + tag + "@customers.example.org";
        String unsubscribeUrl = subscriber ? "https://status.example.test/status/unsubscribe?token=" + tag : null;
        UUID deliveryId = UUID.randomUUID();
        DeliveryStore.Claimed claimed = new DeliveryStore.Claimed(deliveryId,
                new DeliveryStore.MessageView(UUID.randomUUID(), type, UUID.fromString("00000000-0000-0000-0000-000000000042"),
                        TemplateResource.sample("Candor Demo GmbH"), mandatory),
                Channel.EMAIL, language, 1, recipientId, "Alex Muster", address, unsubscribeUrl,
                Instant.now().plusSeconds(60));
        // As the delivery worker: the opt-out link on every message to a customer that is not mandatory.
        String optOut = mandatory || claimed.customerId() == null ? null
                : optOutLinks.url(claimed.customerId(), Channel.EMAIL, language);
        email.send(messages.of(claimed, optOut));
        return new Sent(type, language, deliveryId, recipientId, mandatory, raw(address));
    }

    /** The one message GreenMail received for {@code address}, as its bytes. */
    public static byte[] raw(String address) {
        List<MimeMessage> received = new ArrayList<>();
        await().atMost(Fixtures.WAIT).until(() -> {
            received.clear();
            received.addAll(Fixtures.mailsTo(address));
            return received.size() == 1;
        });
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            received.get(0).writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
