package org.candor.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.candor.testsupport.JwtIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The on-call engineer's commands for a service's dead letters and set-aside outbox events, over the
 * service's staff API ({@code /api/operations}):
 * {@code dlq list|show|replay <service> ...} and {@code outbox <service>}. The service's base URL is
 * {@code --url}, else {@code CANDOR_URL_<SERVICE>}, else the local run's default port; the token is
 * {@code CANDOR_TOKEN}, else one for the service's operations role signed with the local run's key.
 */
final class Operations {

    /** The role each service's operations API takes. */
    static final Map<String, String> ROLE = Map.of(
            "incident-service", "incident-commander",
            "notification-service", "incident-commander",
            "support-service", "support-supervisor",
            "compliance-service", "compliance-officer",
            "feedback-service", "analyst");

    private static final String USAGE = """
            Usage: candor dlq list <service> [--type T] [--from ISO] [--to ISO] [--replayed true|false] [--limit N] [--url U]
                   candor dlq show <service> <id> [--url U]
                   candor dlq replay <service> <id> [<id> ...] [--url U]
                   candor dlq replay <service> [--type T] [--from ISO] [--to ISO] [--url U]
                   candor outbox <service> [--url U]
              <service>: incident, notification, support, compliance or feedback""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Path keys;

    Operations(Path keys) {
        this.keys = keys;
    }

    /** Runs {@code args} (starting with {@code dlq} or {@code outbox}) and returns the exit status. */
    int run(List<String> args) throws IOException, InterruptedException {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    return usage("Missing value of " + arg);
                }
                options.put(arg.substring(2), args.get(++i));
            } else {
                positional.add(arg);
            }
        }
        if (positional.get(0).equals("outbox")) {
            return positional.size() == 2 ? outbox(service(positional.get(1)), options) : usage(null);
        }
        if (positional.size() < 3) {
            return usage(null);
        }
        String service = service(positional.get(2));
        if (service == null) {
            return usage("Unknown service " + positional.get(2));
        }
        return switch (positional.get(1)) {
            case "list" -> list(service, options);
            case "show" -> positional.size() == 4 ? show(service, positional.get(3), options) : usage(null);
            case "replay" -> replay(service, positional.subList(3, positional.size()), options);
            default -> usage("Unknown command dlq " + positional.get(1));
        };
    }

    private int list(String service, Map<String, String> options) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        for (String name : List.of("type", "from", "to", "replayed", "limit")) {
            if (options.containsKey(name)) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(options.get(name), StandardCharsets.UTF_8));
            }
        }
        HttpResponse<String> response = send(service, options, "GET", "/api/operations/dead-letters" + query, null);
        if (response.statusCode() != 200) {
            return failed(response);
        }
        JsonNode letters = json.readTree(response.body());
        System.out.printf("%-36s  %-24s  %-44s  %-38s  %-8s  %s%n", "id", "dead-lettered at", "type", "key", "replayed",
                "reason");
        for (JsonNode letter : letters) {
            System.out.printf("%-36s  %-24s  %-44s  %-38s  %-8s  %s%n", text(letter, "id"), text(letter, "deadLetteredAt"),
                    text(letter, "type"), text(letter, "key"), letter.path("replayedAt").isNull() ? "no" : "yes",
                    abbreviate(text(letter, "reason"), 120));
        }
        System.out.println(letters.size() + " dead letter(s)");
        return 0;
    }

    private int show(String service, String id, Map<String, String> options) throws IOException, InterruptedException {
        HttpResponse<String> response = send(service, options, "GET", "/api/operations/dead-letters/" + id, null);
        if (response.statusCode() != 200) {
            return failed(response);
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(response.body())));
        return 0;
    }

    private int replay(String service, List<String> ids, Map<String, String> options)
            throws IOException, InterruptedException {
        HttpResponse<String> response;
        if (ids.size() == 1 && options.keySet().stream().noneMatch(List.of("type", "from", "to")::contains)) {
            response = send(service, options, "POST", "/api/operations/dead-letters/" + ids.get(0) + "/replay", null);
        } else {
            ObjectNode selection = json.createObjectNode();
            if (!ids.isEmpty()) {
                ids.forEach(selection.putArray("ids")::add);
            }
            for (String name : List.of("type", "from", "to")) {
                if (options.containsKey(name)) {
                    selection.put(name, options.get(name));
                }
            }
            response = send(service, options, "POST", "/api/operations/dead-letters/replay", selection.toString());
        }
        if (response.statusCode() != 200) {
            return failed(response);
        }
        JsonNode report = json.readTree(response.body());
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return report.path("failed").size() > 0 ? 1 : 0;
    }

    private int outbox(String service, Map<String, String> options) throws IOException, InterruptedException {
        if (service == null) {
            return usage(null);
        }
        HttpResponse<String> response = send(service, options, "GET", "/api/operations/outbox/set-aside", null);
        if (response.statusCode() != 200) {
            return failed(response);
        }
        JsonNode rows = json.readTree(response.body());
        for (JsonNode row : rows) {
            System.out.printf("%s  %s  %s %s  %d attempts, %d waiting behind, since %s: %s%n", text(row, "id"),
                    text(row, "type"), text(row, "aggregateType"), text(row, "aggregateId"), row.path("attempts").asInt(),
                    row.path("waitingBehind").asLong(), text(row, "setAsideAt"), text(row, "reason"));
        }
        System.out.println(rows.size() + " outbox event(s) set aside");
        return 0;
    }

    private HttpResponse<String> send(String service, Map<String, String> options, String method, String path, String body)
            throws IOException, InterruptedException {
        String base = options.getOrDefault("url", System.getenv().getOrDefault(
                "CANDOR_URL_" + service.replace("-service", "").toUpperCase(Locale.ROOT), defaultUrl(service)));
        String token = System.getenv("CANDOR_TOKEN");
        if (token == null || token.isBlank()) {
            token = JwtIssuer.inDirectory(keys).token("on-call", Duration.ofMinutes(15), ROLE.get(service));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String defaultUrl(String service) {
        return ServiceSpec.ALL.stream().filter(spec -> spec.name().equals(service)).findFirst()
                .map(spec -> "http://127.0.0.1:" + spec.defaultPort()).orElseThrow();
    }

    private static String service(String name) {
        String service = name.endsWith("-service") ? name : name + "-service";
        return ROLE.containsKey(service) ? service : null;
    }

    private static int failed(HttpResponse<String> response) {
        System.err.println("HTTP " + response.statusCode() + ": " + response.body());
        return 1;
    }

    private static int usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println(USAGE);
        return 2;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
