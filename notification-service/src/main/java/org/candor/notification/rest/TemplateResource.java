package org.candor.notification.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.candor.notification.domain.Channel;
import org.candor.notification.domain.MessageContent;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.SmsText;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.OrganisationIdentity;
import org.candor.notification.service.TemplateRenderer;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The message templates, and a preview of any of them rendered with sample data. */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
@RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.COMPLIANCE_OFFICER, Roles.SUPPORT_SUPERVISOR})
public class TemplateResource {

    /** One template type and the channels it renders for. */
    public record TemplateView(String messageType, Set<Channel> channels, Set<String> languages) {
    }

    /** A rendered preview; {@code sms} is null for email-only types. */
    public record PreviewView(String messageType, String language, String subject, String text, String html,
            SmsView sms) {
    }

    /** {@code limit}: septets or code units the configured segments hold; {@code segments}: how many this text takes. */
    public record SmsView(String text, String encoding, int length, int limit, int segments) {
    }

    /**
     * The data every preview is rendered with (tests render every default template with it too); the organisation
     * that compliance-service's reminders name is the current identity's, filled in by {@link #sample(String)}.
     */
    public static final MessageContent SAMPLE = new MessageContent(
            Map.of("en", "We have reset all passwords and closed the gap in the customer portal. We are working with the police.",
                    "de", "Wir haben alle Passwörter zurückgesetzt und die Lücke im Kundenportal geschlossen. Wir arbeiten mit der Polizei zusammen."),
            "IDENTIFIED", "Unauthorised access to the customer portal",
            Map.of("en", "An attacker copied customer records from the portal between 3 and 5 March.",
                    "de", "Ein Angreifer hat zwischen dem 3. und 5. März Kundendaten aus dem Portal kopiert."),
            List.of("CONTACT", "CREDENTIALS"),
            Map.ofEntries(Map.entry("code", "482913"), Map.entry("validMinutes", "10"),
                    Map.entry("link", "https://support.example.org/chat?verify=abc123"), Map.entry("ticketId", "T-1042"),
                    Map.entry("reply", "Thank you for your patience; your account is safe again."),
                    Map.entry("queue", "breach-hotline"), Map.entry("priority", "HIGH"), Map.entry("target", "FIRST_RESPONSE"),
                    Map.entry("state", "at-risk"), Map.entry("dueAt", "2026-03-28T10:00:00Z"),
                    Map.entry("offerName", "Identity monitoring"), Map.entry("provider", "SafeID"),
                    Map.entry("activationCode", "SAFE-7Q2K-99"), Map.entry("validMonths", "12"),
                    Map.entry("claimId", "C-77"), Map.entry("decision", "APPROVED"), Map.entry("amount", "150.00"),
                    Map.entry("currency", "EUR"), Map.entry("note", ""),
                    Map.entry("surveyTitle", "How did we handle the incident?"),
                    Map.entry("surveyLink", "https://feedback.example.org/survey/abc"),
                    Map.entry("expiresAt", "2026-04-30T00:00:00Z"), Map.entry("obligationId", "8c1e6f0a"),
                    Map.entry("regime", "GDPR_ART33"), Map.entry("recipient", "BfDI"),
                    Map.entry("dueAtLocal", "2026-03-30T15:30+02:00"), Map.entry("timezone", "Europe/Berlin"),
                    Map.entry("reminder", "PT24H"), Map.entry("citation", "GDPR Art. 33(1)"),
                    Map.entry("confirmUrl", "https://status.example.org/status/subscriptions/confirm?token=abc123"),
                    Map.entry("validHours", "48")));

    private final TemplateRenderer renderer;
    private final NotificationConfig config;
    private final OrganisationIdentity organisation;

    TemplateResource(TemplateRenderer renderer, NotificationConfig config, OrganisationIdentity organisation) {
        this.renderer = renderer;
        this.config = config;
        this.organisation = organisation;
    }

    /** {@link #SAMPLE} with the parameter {@code organisation} (as compliance-service sends it) set to {@code name}. */
    public static MessageContent sample(String name) {
        Map<String, String> parameters = new java.util.HashMap<>(SAMPLE.parameters());
        parameters.put("organisation", name);
        return new MessageContent(SAMPLE.texts(), SAMPLE.status(), SAMPLE.title(), SAMPLE.summaries(),
                SAMPLE.dataCategories(), Map.copyOf(parameters));
    }

    @GET
    public List<TemplateView> list() {
        return MessageCatalog.types().stream()
                .map(type -> new TemplateView(type, MessageCatalog.channels(type).orElseThrow(), MessageCatalog.LANGUAGES))
                .toList();
    }

    @GET
    @Path("/{messageType}/preview")
    public PreviewView preview(@PathParam("messageType") String messageType,
            @QueryParam("locale") @DefaultValue("en") String locale) {
        Set<Channel> channels = MessageCatalog.channels(messageType).orElseThrow(() -> new ProblemException(Problem.invalid(
                "No such template", List.of(Problem.FieldError.field("messageType", "'" + messageType
                        + "' has no template; known: " + String.join(", ", MessageCatalog.types()))))));
        if (!MessageCatalog.validLocale(locale)) {
            throw new ProblemException(Problem.invalid("Invalid locale", List.of(
                    Problem.FieldError.field("locale", "'" + locale + "' is not a BCP 47 language tag"))));
        }
        UUID incidentId = UUID.fromString("00000000-0000-0000-0000-000000000042");
        // Rendered as it would be sent now: signed with the organisation's current identity.
        MessageContent sample = sample(organisation.current().name());
        TemplateRenderer.Email email = renderer.email(messageType, locale, sample, "Alex Muster", incidentId);
        SmsView sms = null;
        if (channels.contains(Channel.SMS)) {
            SmsText text = renderer.smsPreview(messageType, locale, sample, "Alex Muster", incidentId, null, null);
            sms = new SmsView(text.text(), text.encoding(), text.length(),
                    SmsText.capacity(SmsText.GSM7.equals(text.encoding()), config.sms().maxSegments()), text.segments());
        }
        return new PreviewView(messageType, MessageCatalog.language(locale), email.subject(), email.text(), email.html(),
                sms);
    }
}
