package org.candor.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Drives the public status page the way a person and an incident commander would, against a running
 * {@link Suite} with incident-service and notification-service: subscribe, confirm from the email, publish
 * public updates, and read what arrived at the SMTP server.
 */
public final class PublicSubscriptions {

    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/status/subscriptions/confirm\\?(?:lang=[a-z]+(?:&|&amp;))?token=[^\\s\"<>]+");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final Suite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String commander;

    public PublicSubscriptions(Suite suite) {
        this.suite = suite;
        this.commander = "Bearer " + suite.jwt().token("status-commander", Duration.ofHours(2), "incident-commander");
    }

    /** Asks for status updates by email, as the status page's form does; returns the HTTP status. */
    public int subscribe(String email) throws IOException, InterruptedException {
        return post("/status/subscriptions", "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&lang=en", false).statusCode();
    }

    /**
     * Follows the confirmation link of the first email to {@code email} and presses the page's button (the link
     * alone confirms nothing); returns the HTTP status of the confirmation.
     */
    public int confirmFromMail(String email, Duration timeout) throws Exception {
        String confirmation = awaitMail(email, 1, timeout).get(0);
        Matcher link = CONFIRM_LINK.matcher(confirmation);
        if (!link.find()) {
            throw new IllegalStateException("No confirmation link in the email to the subscriber");
        }
        int page = http.send(HttpRequest.newBuilder(URI.create(link.group())).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (page != 200) {
            return page;
        }
        String token = link.group().substring(link.group().indexOf("token=") + 6);
        return post("/status/subscriptions/confirm", "application/x-www-form-urlencoded",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), false).statusCode();
    }

    /** Waits until notification-service holds the confirmed subscriber, so that the next update reaches them. */
    public void awaitKnownToNotificationService(String email, Duration timeout) throws Exception {
        ServiceSpec notification = ServiceSpec.named("notification-service");
        Instant deadline = Instant.now().plus(timeout);
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl(notification.database()), notification.database(),
                suite.databasePassword(notification));
                PreparedStatement known = db.prepareStatement(
                        "select count(*) from recipient where kind = 'SUBSCRIBER' and email = ?")) {
            known.setString(1, email);
            while (Instant.now().isBefore(deadline)) {
                if (count(known) == 1) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("notification-service never learned of the confirmed subscriber");
    }

    /** Declares an incident and returns its id. */
    public String declareIncident() throws IOException, InterruptedException {
        OffsetDateTime aware = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
        HttpResponse<String> declared = post("/api/incidents", "application/json", """
                {"title": "Unauthorised access to the customer portal", "summary": "Credentials were misused.",
                 "severity": "HIGH", "detectedAt": "%s", "awareAt": "%s"}""".formatted(aware.minusHours(1), aware), true);
        Matcher id = ID.matcher(declared.body());
        if (declared.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("Declaring failed: " + declared.statusCode() + " " + declared.body());
        }
        return id.group(1);
    }

    /** Publishes a public update that tells the subscribers; returns the HTTP status. */
    public int publishPublicUpdate(String incidentId, String text) throws IOException, InterruptedException {
        return post("/api/incidents/" + incidentId + "/updates", "application/json", """
                {"status": "IDENTIFIED", "audience": "PUBLIC", "notifyPeople": true,
                 "messages": {"en": "%s", "de": "%s"}}""".formatted(text, text), true).statusCode();
    }

    /** Waits for at least {@code count} emails to {@code recipient} and returns them all (subject and text). */
    public List<String> awaitMail(String recipient, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> texts = mailTo(recipient);
        while (texts.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
            texts = mailTo(recipient);
        }
        if (texts.size() < count) {
            throw new IllegalStateException("Only " + texts.size() + " of " + count + " emails arrived in " + timeout);
        }
        return texts;
    }

    /** Every email the SMTP server received for {@code recipient}, subject and decoded text, in arrival order. */
    public List<String> mailTo(String recipient) throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : suite.mail().getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().contains(recipient))) {
                texts.add(message.getSubject() + "\n" + text(message));
            }
        }
        return texts;
    }

    private HttpResponse<String> post(String path, String contentType, String body, boolean asCommander)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.service("incident-service").baseUrl() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (asCommander) {
            request.header("Authorization", commander);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The text parts (plain and HTML) of a message, decoded. */
    public static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        StringBuilder text = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i))).append('\n');
            }
        }
        return text.toString();
    }
}
