package org.candor.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.client.EmailClient;
import org.candor.notification.client.MimeComposer.Header;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Recipient;
import org.candor.notification.service.DeliveryStore.Claimed;

/**
 * Turns a claimed email delivery into the message the transport sends: the rendered parts and the
 * headers that depend on what the message is.
 *
 * <ul>
 * <li>{@code Auto-Submitted: auto-generated} (RFC 3834) and {@code X-Auto-Response-Suppress} on every
 * message a program wrote, so out-of-office replies to a million-recipient notice do not flood the
 * bounce mailbox; a support agent's reply is a person's message and carries neither.
 * <li>{@code List-Unsubscribe} with the person's signed opt-out link and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058) on every message a person may
 * refuse: routine updates to affected customers, updates to the status page's subscribers, survey
 * invitations and reminders. The mailbox provider's unsubscribe button then POSTs to the opt-out
 * endpoint. Mandatory messages (the breach notice) never carry it; their text says why the person
 * receives them and that they cannot be unsubscribed from.
 * <li>Every email ends with its short reference ({@link MessageReferences}), where to check it, and
 * what the organisation will never ask for: told apart from the phishing that follows every breach.
 * </ul>
 */
@ApplicationScoped
public class EmailMessages {

    /** Messages a person may refuse: they carry a one-click unsubscribe. */
    static final Set<String> REFUSABLE = Set.of(MessageCatalog.STATUS_UPDATE, MessageCatalog.PUBLIC_STATUS_UPDATE,
            "survey-invitation", "survey-reminder");
    /** Messages a person wrote (sent through this service, but not auto-generated). */
    static final Set<String> WRITTEN_BY_A_PERSON = Set.of("support-reply");

    private static final String REFERENCE = "\u0001reference\u0001";

    private final TemplateRenderer renderer;
    private final OptOutLinks optOutLinks;
    private final MessageReferences references;
    private final io.quarkus.qute.Engine engine;
    private final org.candor.notification.config.NotificationConfig config;
    private final OrganisationIdentity organisation;
    /** The reference paragraph per language and identity, rendered once with a placeholder for the reference. */
    private final java.util.Map<String, String> trust = new java.util.concurrent.ConcurrentHashMap<>();

    EmailMessages(TemplateRenderer renderer, OptOutLinks optOutLinks, MessageReferences references,
            io.quarkus.qute.Engine engine, org.candor.notification.config.NotificationConfig config,
            OrganisationIdentity organisation) {
        this.organisation = organisation;
        this.renderer = renderer;
        this.optOutLinks = optOutLinks;
        this.references = references;
        this.engine = engine;
        this.config = config;
    }

    /**
     * @param optOutUrl the person's opt-out link for email (in the footer), or null for a mandatory
     *     message or one to an address that is not a known customer
     */
    public EmailClient.Outgoing of(Claimed delivery, String optOutUrl) {
        DeliveryStore.MessageView message = delivery.message();
        TemplateRenderer.Email mail = renderer.email(message.type(), delivery.locale(), message.content(),
                delivery.name(), message.incidentId(), delivery.unsubscribeUrl(), optOutUrl);
        List<Header> headers = new ArrayList<>(4);
        if (!WRITTEN_BY_A_PERSON.contains(message.type())) {
            headers.add(new Header("Auto-Submitted", "auto-generated"));
            headers.add(new Header("X-Auto-Response-Suppress", "All"));
        }
        String unsubscribe = oneClickUnsubscribe(delivery, optOutUrl);
        if (unsubscribe != null) {
            headers.add(new Header("List-Unsubscribe", "<" + unsubscribe + ">"));
            headers.add(new Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        }
        // Every email ends with its reference and what the organisation never asks for (templates/messages/trust.*).
        String language = MessageCatalog.language(delivery.locale());
        String name = organisation.current().name();
        // A handful of identities over the service's life: the bound only keeps many profile edits from piling up.
        if (trust.size() > 16) {
            trust.clear();
        }
        String paragraph = trust.computeIfAbsent(language + "|" + name, key -> trustParagraph(language, name))
                .replace(REFERENCE, references.of(delivery.id()));
        String text = mail.text() + "\n\n" + paragraph;
        int end = mail.html().lastIndexOf("</body>");
        String html = end < 0 ? mail.html() : mail.html().substring(0, end) + "<p>"
                + TemplateRenderer.sevenBit(TemplateRenderer.escapeHtml(paragraph)) + "</p>\n" + mail.html().substring(end);
        return new EmailClient.Outgoing(delivery.id(), delivery.address(), mail.subject(), text, html, headers);
    }

    private String trustParagraph(String language, String organisationName) {
        return engine.getTemplate("messages/trust." + language + ".txt").getFragment("email").instance()
                .data("reference", REFERENCE).data("org", organisationName).data("statusPage", config.statusPageUrl())
                .render().strip();
    }

    /** The opt-out link a mailbox provider's unsubscribe button POSTs to, or null when the message may not be refused. */
    private String oneClickUnsubscribe(Claimed delivery, String optOutUrl) {
        DeliveryStore.MessageView message = delivery.message();
        if (message.mandatory() || !REFUSABLE.contains(message.type()) || delivery.recipientId() == null) {
            return null;
        }
        if (optOutUrl != null) {
            return optOutUrl;
        }
        // A status-page subscriber is a recipient of this service too: the opt-out stops that email, as for a customer.
        return delivery.recipientId().startsWith(Recipient.SUBSCRIBER_PREFIX)
                ? optOutLinks.url(delivery.recipientId(), Channel.EMAIL, delivery.locale())
                : null;
    }
}
