package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a customer can click in the local run leads somewhere: every link in the breach notice and in a routine
 * update, by email (text, HTML and the List-Unsubscribe header) and by SMS, in a status page subscriber's
 * confirmation request and public update, and every link and form on the status page, answers 200 with a page (its feed and stylesheet), each service on its own port as {@code ./candor up} runs them.
 */
class MessageLinksIT {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()]+");
    private static final Pattern HREF = Pattern.compile("(?:href|action)=\"([^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("CND-[0-9A-Z]{5}-[0-9A-Z]{5}");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ENGLISH = "links-en-" + RUN + "@example.org";
    private static final String GERMAN = "links-de-" + RUN + "@example.org";
    private static final String ENGLISH_PHONE = "+447700900123";
    private static final String NOTICE = "We locked the attacker out and reset every password.";
    private static final String ROUTINE = "The customer portal is open again.";

    /** What a browser asks for when a person follows a link. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern PAGE_TYPES = Pattern.compile("text/html|application/atom\\+xml|text/css");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private static Suite suite;
    private static String commander;

    @BeforeAll
    static void startTheSuiteAndTellTwoCustomers() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-links-it"), Suite.Ports.free())
                .startInfrastructure()
                .startServices(List.of(ServiceSpec.named("incident-service"), ServiceSpec.named("notification-service"),
                        ServiceSpec.named("support-service")));
        commander = "Bearer " + suite.jwt().token("links-commander", Duration.ofHours(2), "incident-commander");
        OffsetDateTime aware = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
        String incident = id(staff("POST", "/api/incidents", "application/json", """
                {"title": "Unauthorised access to the customer portal", "summaries": {"en": "Contact data was copied.",
                 "de": "Kontaktdaten wurden kopiert."}, "severity": "HIGH", "detectedAt": "%s", "awareAt": "%s",
                 "dataCategories": ["CONTACT", "CREDENTIALS"]}""".formatted(aware.minusHours(1), aware)));
        staff("POST", "/api/incidents/" + incident + "/risk-assessments", "application/json",
                "{\"likelihood\": \"HIGH\", \"impact\": \"HIGH\", \"rationale\": \"Passwords were copied.\"}");
        staff("POST", "/api/incidents/" + incident + "/affected-customers/import", "text/csv", """
                customerId,name,email,phone,locale,country,region,segment
                LINKS-%1$s-1,Alex Example,%2$s,%3$s,en-GB,GB,,retail
                LINKS-%1$s-2,Anna Beispiel,%4$s,,de,DE,DE-BY,retail
                """.formatted(RUN, ENGLISH, ENGLISH_PHONE, GERMAN));
        // Urgent, so that the texts go out at once whatever the hour in the customers' time zones.
        publish(incident, NOTICE);
        awaitMail(ENGLISH, 1);
        publish(incident, ROUTINE);
        awaitMail(ENGLISH, 2);
        awaitMail(GERMAN, 2);
        awaitTexts(ENGLISH_PHONE, 2);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyLinkInTheBreachNoticeEmailsLeadsToAPage() throws Exception {
        for (String person : List.of(ENGLISH, GERMAN)) {
            MimeMessage notice = mailTo(person).get(0);
            assertThat(PublicSubscriptions.text(notice)).contains(person.equals(ENGLISH) ? NOTICE : "DSGVO");

            assertEveryLinkLeadsToAPage(links(PublicSubscriptions.text(notice)), "the breach notice to " + person);
        }
    }

    @Test
    void everyLinkInARoutineUpdateEmailLeadsToAPageItsOptOutToo() throws Exception {
        MimeMessage update = mailTo(ENGLISH).get(1);
        Set<String> links = links(PublicSubscriptions.text(update));
        String unsubscribe = update.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).as("List-Unsubscribe").isNotNull();
        links.addAll(links(unsubscribe));

        assertThat(links).anyMatch(link -> !link.contains("/status"));
        assertEveryLinkLeadsToAPage(links, "the routine update");
    }

    @Test
    void everyLinkInTheTextMessagesLeadsToAPage() throws Exception {
        List<String> texts = suite.smsGateways().get(0).textsTo(ENGLISH_PHONE);
        assertThat(texts).hasSizeGreaterThanOrEqualTo(2);
        for (String text : texts) {
            Set<String> links = links(text);
            assertThat(links).as("links in " + text).isNotEmpty();

            assertEveryLinkLeadsToAPage(links, "the text " + text);
        }
    }

    @Test
    void everyLinkInTheMailsToAStatusPageSubscriberLeadsToAPage() throws Exception {
        PublicSubscriptions status = new PublicSubscriptions(suite);
        String subscriber = "links-subscriber-" + RUN + "@example.org";
        assertThat(status.subscribe(subscriber)).isEqualTo(202);
        assertThat(status.confirmFromMail(subscriber, Duration.ofSeconds(60))).isEqualTo(200);
        status.awaitKnownToNotificationService(subscriber, Duration.ofSeconds(60));
        String incident = status.declareIncident();
        assertThat(status.publishPublicUpdate(incident, "We have closed the gap (" + RUN + ").")).isEqualTo(201);
        awaitMail(subscriber, 2);

        for (MimeMessage mail : mailTo(subscriber)) {
            Set<String> links = links(PublicSubscriptions.text(mail));
            String unsubscribe = mail.getHeader("List-Unsubscribe", null);
            if (unsubscribe != null) {
                links.addAll(links(unsubscribe));
            }
            // The confirmation link opens a page whose button confirms; following it again still answers a page.
            assertEveryLinkLeadsToAPage(links, "the mail '" + mail.getSubject() + "' to a subscriber");
        }
    }

    @Test
    void everyLinkAndFormOnTheStatusPageLeadsToAPage() throws Exception {
        for (String lang : List.of("en", "de")) {
            String page = get(statusPage(lang)).body();
            Set<String> links = new LinkedHashSet<>();
            Matcher href = HREF.matcher(page);
            while (href.find()) {
                String target = href.group(1).replace("&amp;", "&");
                if (!target.startsWith("#") && !target.startsWith("tel:") && !target.startsWith("mailto:")) {
                    links.add(URI.create(statusPage(lang)).resolve(target).toString());
                }
            }
            assertThat(links).as("links on the status page").anyMatch(link -> link.contains("/widget/"))
                    .anyMatch(link -> link.contains("/check"));
            // The subscription form is a POST and is tried in PublicSubscriptionIT.
            links.removeIf(link -> link.endsWith("/status/subscriptions"));

            assertEveryLinkLeadsToAPage(links, "the status page in " + lang);
        }
    }

    @Test
    void theReferenceInAnEmailChecksOutThroughTheStatusPagesForm() throws Exception {
        MimeMessage notice = mailTo(ENGLISH).get(0);
        Matcher reference = REFERENCE.matcher(PublicSubscriptions.text(notice));
        assertThat(reference.find()).as("a reference in the email").isTrue();
        Matcher form = Pattern.compile("<form method=\"get\" action=\"([^\"]+)\"").matcher(get(statusPage("en")).body());
        assertThat(form.find()).as("the check form").isTrue();
        URI check = URI.create(statusPage("en")).resolve(form.group(1) + "?lang=en&ref=" + reference.group());

        HttpResponse<String> answer = get(check.toString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(notice.getSubject());
    }

    private static void assertEveryLinkLeadsToAPage(Set<String> links, String where) throws Exception {
        assertThat(links).as("links in " + where).isNotEmpty();
        List<String> dead = new ArrayList<>();
        for (String link : links) {
            HttpResponse<String> answer = get(link);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (answer.statusCode() != 200 || !PAGE_TYPES.matcher(type).find()) {
                dead.add(link + " -> " + answer.statusCode() + " " + type);
            }
        }
        assertThat(dead).as("links in " + where + " that lead nowhere").isEmpty();
    }

    private static Set<String> links(String text) {
        Set<String> links = new LinkedHashSet<>();
        Matcher url = URL.matcher(text.replace("&amp;", "&"));
        while (url.find()) {
            links.add(url.group().replaceAll("[.,;:]+$", ""));
        }
        return links;
    }

    private static String statusPage(String lang) {
        return suite.service("incident-service").baseUrl() + "/status?lang=" + lang;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", BROWSER_ACCEPT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void publish(String incident, String text) throws Exception {
        staff("POST", "/api/incidents/" + incident + "/updates", "application/json", """
                {"status": "IDENTIFIED", "audience": "AFFECTED", "notifyPeople": true, "urgent": true,
                 "messages": {"en": "%1$s", "de": "%1$s"}}""".formatted(text));
    }

    private static String staff(String method, String path, String contentType, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(suite.service("incident-service").baseUrl() + path)).header("Authorization", commander)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String id(String body) {
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("No id in " + body);
        }
        return id.group(1);
    }

    private static List<MimeMessage> mailTo(String person) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : suite.mail().getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().contains(person))) {
                mails.add(message);
            }
        }
        return mails;
    }

    private static void awaitMail(String person, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (mailTo(person).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Only " + mailTo(person).size() + " of " + count + " emails to " + person);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitTexts(String phone, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (suite.smsGateways().get(0).textsTo(phone).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not " + count + " texts to " + phone);
            }
            Thread.sleep(50);
        }
    }
}
