package org.candor.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.candor.testsupport.JwtIssuer;

/**
 * Declares an incident on incident-service and shows it arriving in the other four services; then, for the local
 * run's {@code --demo}, tells three demo customers about it.
 */
public final class Demo {

    /** Which role may read known incidents on each consuming service. */
    static final Map<String, String> READER_ROLE = Map.of(
            "notification-service", "incident-commander",
            "support-service", "support-agent",
            "compliance-service", "compliance-officer",
            "feedback-service", "analyst");

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JwtIssuer jwt;
    private final Map<String, String> baseUrls;

    /** @param baseUrls each service's base URL by service name */
    public Demo(JwtIssuer jwt, Map<String, String> baseUrls) {
        this.jwt = jwt;
        this.baseUrls = baseUrls;
    }

    /** The result: the declared incident's id and, per consuming service, how long it took to arrive. */
    public record Result(String incidentId, Map<String, Duration> arrivals) {
    }

    public Result run(Duration timeout) throws IOException, InterruptedException {
        OffsetDateTime aware = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(30);
        String body = """
                {"title": "Unauthorised access to the customer portal",
                 "summaries": {"en": "Stolen administrator credentials were used to export customer contact data.",
                   "de": "Mit gestohlenen Administrator-Zugangsdaten wurden Kontaktdaten von Kunden exportiert."},
                 "severity": "HIGH",
                 "detectedAt": "%s",
                 "awareAt": "%s",
                 "dataCategories": ["CONTACT", "CREDENTIALS"],
                 "affectedSystems": ["customer portal"]}""".formatted(aware.minusHours(2), aware);
        String commander = jwt.token("demo-commander", Duration.ofMinutes(10), "incident-commander");
        Instant declaredAt = Instant.now();
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(
                URI.create(baseUrls.get("incident-service") + "/api/incidents"))
                .header("Authorization", "Bearer " + commander)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (declared.statusCode() != 201) {
            throw new IllegalStateException("Declaring failed: " + declared.statusCode() + " " + declared.body());
        }
        Matcher matcher = ID.matcher(declared.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No incident id in " + declared.body());
        }
        String incidentId = matcher.group(1);

        Map<String, Duration> arrivals = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        while (arrivals.size() < READER_ROLE.size() && Instant.now().isBefore(deadline)) {
            for (Map.Entry<String, String> reader : READER_ROLE.entrySet()) {
                if (!arrivals.containsKey(reader.getKey()) && known(reader.getKey(), reader.getValue(), incidentId)) {
                    arrivals.put(reader.getKey(), Duration.between(declaredAt, Instant.now()));
                }
            }
            Thread.sleep(50);
        }
        return new Result(incidentId, arrivals);
    }

    /**
     * Breach day for the demo incident: a high risk to people assessed, three demo customers imported (English with a
     * phone number, German, American English) and the breach notice sent to them, urgent, so that it goes out at once.
     * Their mail lands in the local SMTP server ({@code ./candor mail <address>}); each can verify in the chat.
     */
    public void tellDemoCustomers(String incidentId) throws IOException, InterruptedException {
        String commander = jwt.token("demo-commander", Duration.ofMinutes(10), "incident-commander");
        String incident = baseUrls.get("incident-service") + "/api/incidents/" + incidentId;
        send(commander, incident + "/risk-assessments", "application/json", """
                {"likelihood": "HIGH", "impact": "HIGH",
                 "rationale": "Contact data and password hashes were copied; phishing and account takeover are likely."}""");
        StringBuilder csv = new StringBuilder("customerId,name,email,phone,locale,country,region,segment\n");
        DEMO_CUSTOMERS.forEach(customer -> csv.append(customer).append('\n'));
        send(commander, incident + "/affected-customers/import", "text/csv", csv.toString());
        send(commander, incident + "/updates", "application/json", """
                {"status": "IDENTIFIED", "audience": "AFFECTED", "notifyPeople": true, "urgent": true,
                 "messages": {"en": "We have locked the attacker out and reset every customer password.",
                   "de": "Wir haben den Angreifer ausgesperrt und alle Kundenpasswörter zurückgesetzt."}}""");
    }

    /** The demo customers' email addresses, in the order they are imported. */
    public static List<String> demoCustomerEmails() {
        return DEMO_CUSTOMERS.stream().map(row -> row.split(",")[2]).toList();
    }

    private static final List<String> DEMO_CUSTOMERS = List.of(
            "DEMO-0001,Alex Example,alex@customers.example,+447700900001,en-GB,GB,,retail",
            "DEMO-0002,Erika Mustermann,erika@kunden.example,,de,DE,DE-BY,retail",
            "DEMO-0003,Sam Sample,sam@customers.example,,en-US,US,US-CA,business");

    private void send(String token, String url, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    private boolean known(String service, String role, String incidentId) throws IOException, InterruptedException {
        String token = jwt.token("demo-" + role, Duration.ofMinutes(10), role);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(baseUrls.get(service) + "/api/incidents/" + incidentId))
                .header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains(incidentId);
    }
}
