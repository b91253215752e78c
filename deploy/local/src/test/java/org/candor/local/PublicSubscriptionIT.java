package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status page's double opt-in end to end: incident-service asks notification-service to send the
 * confirmation, the email reaches the real SMTP server, the person follows the link, and the next public
 * update reaches their mailbox.
 */
class PublicSubscriptionIT {

    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/status/subscriptions/confirm\\?token=[^\\s\"<>]+");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static Suite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startIncidentAndNotificationServices() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-subscription-it"), Suite.Ports.free())
                .startInfrastructure()
                .startServices(List.of(ServiceSpec.named("incident-service"), ServiceSpec.named("notification-service")));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aConfirmedSubscriberReceivesTheNextPublicUpdateByEmail() throws Exception {
        String email = "subscriber-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> requested = post(incident("/status/subscriptions"), "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&lang=en", null);
        assertThat(requested.statusCode()).isEqualTo(202);

        String confirmation = awaitMail(email, 1, Duration.ofSeconds(30)).get(0);
        Matcher link = CONFIRM_LINK.matcher(confirmation);
        assertThat(link.find()).as("a confirmation link in %s", confirmation).isTrue();
        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create(link.group())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);

        String commander = "Bearer " + suite.jwt().token("it-commander", Duration.ofMinutes(10), "incident-commander");
        OffsetDateTime aware = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
        HttpResponse<String> declared = post(incident("/api/incidents"), "application/json", """
                {"title": "Unauthorised access to the customer portal", "summary": "Credentials were misused.",
                 "severity": "HIGH", "detectedAt": "%s", "awareAt": "%s"}""".formatted(aware.minusHours(1), aware),
                commander);
        assertThat(declared.statusCode()).isEqualTo(201);
        Matcher id = ID.matcher(declared.body());
        assertThat(id.find()).isTrue();
        String updateText = "We have locked the affected accounts (" + UUID.randomUUID() + ").";

        // The update reaches the subscribers notification-service knows when it fans out: wait until it knows this one.
        awaitSubscriberKnownToNotificationService(email, Duration.ofSeconds(30));
        Instant publishedAt = Instant.now();
        HttpResponse<String> published = post(incident("/api/incidents/" + id.group(1) + "/updates"), "application/json", """
                {"status": "IDENTIFIED", "audience": "PUBLIC", "notifyPeople": true,
                 "messages": {"en": "%s", "de": "%s"}}""".formatted(updateText, updateText), commander);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);

        List<String> mails = awaitMail(email, 2, Duration.ofSeconds(30));
        Duration took = Duration.between(publishedAt, Instant.now());
        assertThat(mails.get(1)).contains(updateText);
        Thread.sleep(2_000);
        assertThat(messagesTo(email)).as("the update arrives exactly once").hasSize(2);
        System.out.printf("[candor-it] public update reached the subscriber's mailbox within %d ms%n", took.toMillis());
    }

    private void awaitSubscriberKnownToNotificationService(String email, Duration timeout) throws Exception {
        ServiceSpec notification = ServiceSpec.named("notification-service");
        Instant deadline = Instant.now().plus(timeout);
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl(notification.database()), notification.database(),
                suite.databasePassword(notification));
                PreparedStatement known = db.prepareStatement(
                        "select count(*) from recipient where kind = 'SUBSCRIBER' and email = ?")) {
            known.setString(1, email);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet result = known.executeQuery()) {
                    result.next();
                    if (result.getLong(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("notification-service never learned of the confirmed subscriber");
    }

    private String incident(String path) {
        return suite.service("incident-service").baseUrl() + path;
    }

    private HttpResponse<String> post(String url, String contentType, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> awaitMail(String recipient, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> texts = messagesTo(recipient);
        while (texts.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            texts = messagesTo(recipient);
        }
        assertThat(texts).as("mails to the subscriber").hasSizeGreaterThanOrEqualTo(count);
        return texts;
    }

    private List<String> messagesTo(String recipient) throws MessagingException, IOException {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : suite.mail().getReceivedMessages()) {
            boolean toRecipient = Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().contains(recipient));
            if (toRecipient) {
                texts.add(message.getSubject() + "\n" + text(message));
            }
        }
        return texts;
    }

    /** The plain-text and HTML parts of a message, decoded. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        StringBuilder text = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                text.append(text(body)).append('\n');
            }
        }
        return text.toString();
    }
}
