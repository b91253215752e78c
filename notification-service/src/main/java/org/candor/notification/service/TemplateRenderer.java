package org.candor.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.MessageContent;
import org.candor.notification.domain.SmsText;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/**
 * Renders a message type in a language: {@code templates/messages/<type>.<language>.txt} holds the
 * fragments {@code subject}, {@code text} and (for SMS types) {@code sms}; the HTML body is the plain
 * text laid out by {@code templates/messages/layout.html}, so the two can never say different things.
 *
 * <p>A fan-out sends one message to a million people who differ only in their name and their
 * personal links. So each message is rendered once per language and shape (with or without a name,
 * an unsubscribe link, an opt-out link) with placeholders for those values, and each person's copy
 * is that rendering with the placeholders filled in: the same text, without running the templates
 * a million times.
 */
@ApplicationScoped
public class TemplateRenderer {

    /** An email's three parts. */
    public record Email(String subject, String text, String html) {
    }

    @TemplateData
    public record Part(String text, boolean link, boolean lineBreak) {
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final int MAX_HTML_LINE = 900;
    /** Placeholders for the per-person values; the links look like links, so the HTML makes them anchors. */
    private static final String NAME = "\u0001name\u0001";
    private static final String UNSUBSCRIBE = "https://\u0001unsubscribe\u0001";
    private static final String OPT_OUT = "https://\u0001opt-out\u0001";
    private static final int SHAPES = 512;

    /** What a rendering with placeholders depends on. */
    private record Shape(String messageType, String language, MessageContent content, UUID incidentId, boolean named,
            boolean unsubscribe, boolean optOut, OrganisationIdentity.Identity organisation) {
    }

    /** One person's values, filled in for the placeholders. */
    private record Person(String name, String unsubscribeUrl, String optOutUrl) {

        String fill(String rendered, boolean html) {
            if (rendered.indexOf('\u0001') < 0) {
                return rendered;
            }
            String filled = rendered;
            if (name != null) {
                filled = filled.replace(NAME, html ? escapeHtml(name) : name);
            }
            if (unsubscribeUrl != null) {
                filled = filled.replace(UNSUBSCRIBE, html ? escapeHtml(unsubscribeUrl) : unsubscribeUrl);
            }
            if (optOutUrl != null) {
                filled = filled.replace(OPT_OUT, html ? escapeHtml(optOutUrl) : optOutUrl);
            }
            return filled;
        }
    }

    private final Engine engine;
    private final NotificationConfig config;
    private final OrganisationIdentity organisation;
    private final ShortLinks shortLinks;
    private final OptOutLinks optOutLinks;
    private final Clock clock;
    private final Map<Shape, Email> emailShapes = lruMap();
    private final Map<Shape, String> smsShapes = lruMap();

    TemplateRenderer(Engine engine, NotificationConfig config, OrganisationIdentity organisation, ShortLinks shortLinks,
            OptOutLinks optOutLinks, Clock clock) {
        if (config.sms().maxSegments() < 1) {
            throw new IllegalStateException("candor.notification.sms.max-segments must be at least 1");
        }
        this.engine = engine;
        this.config = config;
        this.organisation = organisation;
        this.shortLinks = shortLinks;
        this.optOutLinks = optOutLinks;
        this.clock = clock;
    }

    public Email email(String messageType, String locale, MessageContent content, String name, UUID incidentId) {
        return email(messageType, locale, content, name, incidentId, null);
    }

    /** @param unsubscribeUrl a subscriber's signed unsubscribe link, or null */
    public Email email(String messageType, String locale, MessageContent content, String name, UUID incidentId,
            String unsubscribeUrl) {
        return email(messageType, locale, content, name, incidentId, unsubscribeUrl, null);
    }

    /**
     * @param unsubscribeUrl a subscriber's signed unsubscribe link, or null
     * @param optOutUrl the person's opt-out link for email, put in the footer; null for a mandatory message
     */
    public Email email(String messageType, String locale, MessageContent content, String name, UUID incidentId,
            String unsubscribeUrl, String optOutUrl) {
        String language = MessageCatalog.language(locale);
        Person person = person(name, unsubscribeUrl, optOutUrl);
        Shape shape = new Shape(messageType, language, content, incidentId, person.name() != null,
                unsubscribeUrl != null, optOutUrl != null, organisation.current());
        Email rendered = cached(emailShapes, shape, () -> renderEmail(shape));
        return new Email(person.fill(rendered.subject(), false), person.fill(rendered.text(), false),
                sevenBit(person.fill(rendered.html(), true)));
    }

    private Email renderEmail(Shape shape) {
        Template template = template(shape.messageType(), shape.language());
        Map<String, Object> data = data(shape);
        String subject = fragment(template, "subject", data).replaceAll("\\s+", " ");
        String text = fragment(template, "text", data);
        if (shape.optOut()) {
            text = text + "\n\n" + fragment(template("opt-out", shape.language()), "email", Map.of("url", OPT_OUT));
        }
        String html = engine.getTemplate("messages/layout.html").instance()
                .data("lang", shape.language()).data("subject", subject).data("paragraphs", paragraphs(text)).render();
        return new Email(subject, text, html);
    }

    public SmsText sms(String messageType, String locale, MessageContent content, String name, UUID incidentId) {
        return sms(messageType, locale, content, name, incidentId, null);
    }

    public SmsText sms(String messageType, String locale, MessageContent content, String name, UUID incidentId,
            String unsubscribeUrl) {
        return sms(messageType, locale, content, name, incidentId, unsubscribeUrl, null);
    }

    /**
     * @param optOutUrl the person's opt-out link for SMS, or null; added only when the whole message
     *     still fits its segments with it, since neither the text nor a link may be cut for it
     */
    public SmsText sms(String messageType, String locale, MessageContent content, String name, UUID incidentId,
            String unsubscribeUrl, String optOutUrl) {
        return sms(messageType, locale, content, name, incidentId, unsubscribeUrl, optOutUrl, true);
    }

    /** The SMS exactly as {@link #sms} renders it, without storing its short links: for previews. */
    public SmsText smsPreview(String messageType, String locale, MessageContent content, String name, UUID incidentId,
            String unsubscribeUrl, String optOutUrl) {
        return sms(messageType, locale, content, name, incidentId, unsubscribeUrl, optOutUrl, false);
    }

    /**
     * Every link to one of Candor's pages that is longer than a short link is sent as its short link
     * ({@link ShortLinks}); the short links the text ends up with are stored before it is returned, so
     * none reaches a phone before it resolves.
     */
    private SmsText sms(String messageType, String locale, MessageContent content, String name, UUID incidentId,
            String unsubscribeUrl, String optOutUrl, boolean store) {
        String language = MessageCatalog.language(locale);
        Person person = person(name, unsubscribeUrl, optOutUrl);
        Shape shape = new Shape(messageType, language, content, incidentId, person.name() != null,
                unsubscribeUrl != null, false, organisation.current());
        List<ShortLinks.Short> links = new ArrayList<>();
        String text = shorten(person.fill(cached(smsShapes, shape,
                () -> fragment(template(messageType, language), "sms", data(shape))), false), messageType, content,
                unsubscribeUrl, optOutUrl, links);
        int maxSegments = config.sms().maxSegments();
        if (optOutUrl != null) {
            List<ShortLinks.Short> withOptOutLinks = new ArrayList<>(links);
            String withOptOut = text + " " + shorten(person.fill(cached(smsShapes, new Shape("opt-out", language, null,
                    null, false, false, true, null), () -> fragment(template("opt-out", language), "sms", Map.of("url", OPT_OUT))),
                    false), messageType, content, unsubscribeUrl, optOutUrl, withOptOutLinks);
            if (SmsText.fitsWhole(withOptOut, maxSegments)) {
                return SmsText.fit(stored(withOptOut, withOptOutLinks, store), maxSegments);
            }
        }
        return SmsText.fit(stored(text, links, store), maxSegments);
    }

    /** Replaces each long link to a Candor page by its short link, collecting those in {@code links}. */
    private String shorten(String text, String messageType, MessageContent content, String unsubscribeUrl,
            String optOutUrl, List<ShortLinks.Short> links) {
        Matcher matcher = LINK.matcher(text);
        StringBuilder out = null;
        int at = 0;
        while (matcher.find()) {
            String link = matcher.group();
            if (link.length() <= shortLinks.length() || !shortLinks.allowed(link)) {
                continue;
            }
            Optional<ShortLinks.Short> shortLink;
            if (link.equals(unsubscribeUrl)) {
                shortLink = shortLinks.of("unsubscribe", link, shortLinks.defaultExpiry());
            } else if (link.equals(optOutUrl)) {
                shortLink = shortLinks.of("opt-out", link, optOutLinks.expiryOf(link).orElseGet(shortLinks::defaultExpiry));
            } else {
                shortLink = shortLinks.of(messageType, link, expiryOfParameterLink(content));
            }
            if (shortLink.isEmpty()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, at, matcher.start()).append(shortLink.get().url());
            at = matcher.end();
            links.add(shortLink.get());
        }
        return out == null ? text : out.append(text, at, text.length()).toString();
    }

    /** A link a service sent along says how long it is valid ({@code validMinutes}, {@code validHours}); else the default. */
    private Instant expiryOfParameterLink(MessageContent content) {
        Map<String, String> parameters = content == null || content.parameters() == null ? Map.of() : content.parameters();
        try {
            if (parameters.containsKey("validMinutes")) {
                return clock.instant().plus(Duration.ofMinutes(Long.parseLong(parameters.get("validMinutes").strip())));
            }
            if (parameters.containsKey("validHours")) {
                return clock.instant().plus(Duration.ofHours(Long.parseLong(parameters.get("validHours").strip())));
            }
        } catch (NumberFormatException e) {
            // not a number: the default below
        }
        return shortLinks.defaultExpiry();
    }

    /** Stores the short links (when sending) and puts in a longer code where one collided. */
    private String stored(String text, List<ShortLinks.Short> links, boolean store) {
        if (!store) {
            return text;
        }
        String result = text;
        for (ShortLinks.Short link : links) {
            String url = shortLinks.store(link);
            if (!url.equals(link.url())) {
                result = result.replace(link.url(), url);
            }
        }
        return result;
    }

    private static Person person(String name, String unsubscribeUrl, String optOutUrl) {
        // Control characters (the placeholders' marker among them) have no place in a name.
        String cleanName = name == null ? null : name.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return new Person(cleanName == null || cleanName.isEmpty() ? null : cleanName, unsubscribeUrl, optOutUrl);
    }

    private static <V> V cached(Map<Shape, V> shapes, Shape shape, java.util.function.Supplier<V> render) {
        V rendered;
        synchronized (shapes) {
            rendered = shapes.get(shape);
        }
        if (rendered == null) {
            rendered = render.get();
            synchronized (shapes) {
                shapes.put(shape, rendered);
            }
        }
        return rendered;
    }

    /** The most recently used renderings; a fan-out uses a handful, one-off messages pass through. */
    private static <V> Map<Shape, V> lruMap() {
        return new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Shape, V> eldest) {
                return size() > SHAPES;
            }
        };
    }

    /** As Qute escapes HTML: the five characters that could end an element or an attribute. */
    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private Template template(String messageType, String language) {
        Template template = engine.getTemplate("messages/" + messageType + "." + language + ".txt");
        if (template == null) {
            throw new IllegalArgumentException("No template " + messageType + " in " + language);
        }
        return template;
    }

    private static String fragment(Template template, String id, Map<String, ?> data) {
        Template.Fragment fragment = template.getFragment(id);
        if (fragment == null) {
            throw new IllegalArgumentException("Template " + template.getId() + " has no " + id);
        }
        TemplateInstance instance = fragment.instance();
        data.forEach(instance::data);
        return instance.render().strip().replaceAll("\\n{3,}", "\n\n");
    }

    private Map<String, Object> data(Shape shape) {
        String language = shape.language();
        MessageContent content = shape.content();
        UUID incidentId = shape.incidentId();
        Map<String, Object> data = new HashMap<>();
        // Who writes: the organisation profile's identity, or the configured one until a profile has arrived.
        OrganisationIdentity.Identity identity = shape.organisation();
        data.put("org", identity.name());
        data.put("dpo", identity.dpo());
        data.put("dpoPhone", identity.dpoPhone());
        data.put("hotline", identity.hotline());
        data.put("supportHours", identity.supportHours(language));
        data.put("statusPage", config.statusPageUrl());
        data.put("name", shape.named() ? NAME : null);
        data.put("unsubscribe", shape.unsubscribe() ? UNSUBSCRIBE : null);
        data.put("incidentId", incidentId == null ? "" : incidentId.toString());
        data.put("title", content.title() == null ? "" : content.title());
        data.put("summary", pick(content.summaries(), language));
        data.put("text", pick(content.texts(), language));
        data.put("status", Wording.status(content.status(), language));
        List<String> categories = content.dataCategories() == null ? List.of() : content.dataCategories();
        data.put("categories", Wording.categories(categories, language));
        data.put("consequences", Wording.consequences(categories, language));
        data.put("advice", Wording.advice(categories, language));
        data.put("p", content.parameters() == null ? Map.of() : content.parameters());
        return data;
    }

    /** The text in the language, else English, else any; empty when there is none. */
    static String pick(Map<String, String> texts, String language) {
        if (texts == null || texts.isEmpty()) {
            return "";
        }
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            String key = entry.getKey().toLowerCase(java.util.Locale.ROOT);
            if (key.equals(language) || key.startsWith(language + "-") || key.startsWith(language + "_")) {
                return entry.getValue();
            }
        }
        String english = texts.get(MessageCatalog.FALLBACK_LANGUAGE);
        return english != null ? english : texts.values().iterator().next();
    }

    /**
     * The HTML with every non-ASCII character as a numeric character reference and no line longer
     * than SMTP allows, so the mail encoder sends it as it is (7bit) instead of quoted-printable:
     * the same page for the reader, much less work per message for the sender.
     */
    static String sevenBit(String html) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        int lineStart = 0;
        int lastSpace = -1;
        for (int i = 0; i < html.length(); ) {
            int codePoint = html.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint > 126 || (codePoint < 32 && codePoint != '\n' && codePoint != '\t')) {
                out.append("&#").append(codePoint).append(';');
            } else if (codePoint == '\n') {
                out.append('\n');
                lineStart = out.length();
                lastSpace = -1;
                continue;
            } else {
                if (codePoint == ' ') {
                    lastSpace = out.length();
                }
                out.append((char) codePoint);
            }
            // Break at the last space (insignificant in HTML text) before a line gets too long.
            if (out.length() - lineStart > MAX_HTML_LINE && lastSpace > lineStart) {
                out.setCharAt(lastSpace, '\n');
                lineStart = lastSpace + 1;
                lastSpace = -1;
            }
        }
        return out.toString();
    }

    private static List<List<Part>> paragraphs(String text) {
        List<List<Part>> paragraphs = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            List<Part> parts = new ArrayList<>();
            String[] lines = block.strip().split("\\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    parts.add(new Part("", false, true));
                }
                Matcher matcher = LINK.matcher(lines[i]);
                int at = 0;
                while (matcher.find()) {
                    parts.add(new Part(lines[i].substring(at, matcher.start()), false, false));
                    parts.add(new Part(matcher.group(), true, false));
                    at = matcher.end();
                }
                parts.add(new Part(lines[i].substring(at), false, false));
            }
            paragraphs.add(parts);
        }
        return paragraphs;
    }
}
