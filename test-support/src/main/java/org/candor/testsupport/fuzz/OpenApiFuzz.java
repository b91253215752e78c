package org.candor.testsupport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Management;

/**
 * Sends bad input to every operation of a running service's OpenAPI document ({@code /q/openapi} on its
 * management interface) and
 * collects each answer that breaks the rules: a 5xx, a 4xx that is not {@code application/problem+json}
 * (or, for an operation that answers with HTML, not an HTML page), or bad input that was accepted.
 *
 * <p>The cases are the same on every run (a fixed seed): malformed JSON, JSON with something after the
 * value, wrong types, NUL characters, huge strings, binary bodies, numbers and offset-less text for
 * timestamps, unknown enum values, and bodies without {@code Content-Type}; for path, query and form
 * parameters NUL, huge and wrongly typed values. Each operation is called with a token carrying the roles
 * its document names (its security scopes), or without a token when it needs none.
 */
public final class OpenApiFuzz {

    /** The staff roles, for an operation whose document says it is secured but names no role. */
    public static final List<String> ALL_ROLES = List.of("incident-commander", "support-agent",
            "support-supervisor", "compliance-officer", "analyst");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "x".repeat(100_000);
    private static final String LONG_PARAMETER = "x".repeat(5_000);

    private final URI base;
    private long seed = 20_261_206L;
    private Function<List<String>, String> tokens = roles -> CandorTestResource.token(roles.toArray(String[]::new));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private OpenApiFuzz(URI base) {
        this.base = base;
    }

    /** A fuzzer for the service listening at {@code base}, e.g. {@code http://localhost:8081/}. */
    public static OpenApiFuzz against(URI base) {
        return new OpenApiFuzz(base);
    }

    /** Another fixed seed for the generated values (ids, binary bodies). */
    public OpenApiFuzz seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How a bearer token for a list of roles is made; by default {@link CandorTestResource#token}. */
    public OpenApiFuzz tokens(Function<List<String>, String> tokens) {
        this.tokens = tokens;
        return this;
    }

    /** Runs every case against every operation and reports what broke the rules. */
    public Report run() {
        // The document is served by the management interface, the operations by the application port.
        JsonNode document = get(Management.uri().resolve("/q/openapi?format=json"));
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue(),
                        path.getValue().path("parameters")));
            }
        }));
        operations.sort((a, b) -> a.name().compareTo(b.name()));
        Report report = new Report();
        for (Operation operation : operations) {
            new OperationRun(document, operation, new Random(seed ^ operation.name().hashCode()), report).run();
        }
        return report;
    }

    private JsonNode get(URI document) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(document).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Operation(String method, String path, JsonNode spec, JsonNode pathParameters) {

        String name() {
            return method + " " + path;
        }
    }

    /** What a case demands beyond "no 5xx, and a 4xx in the right format". */
    private enum Expect {
        /** Any status below 500. */
        ANSWER,
        /** A 4xx: the input is bad and must not be acted on. */
        REFUSAL
    }

    private record Case(String name, Expect expect, String pathAndQuery, String contentType, byte[] body) {
    }

    private final class OperationRun {

        private final JsonNode document;
        private final Operation operation;
        private final Random random;
        private final Report report;
        private final List<JsonNode> parameters = new ArrayList<>();
        private final boolean html;
        private final String token;

        OperationRun(JsonNode document, Operation operation, Random random, Report report) {
            this.document = document;
            this.operation = operation;
            this.random = random;
            this.report = report;
            operation.pathParameters().forEach(parameter -> parameters.add(resolve(parameter)));
            operation.spec().path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
            this.html = answersWithHtml(operation.spec());
            this.token = tokenFor(operation.spec());
        }

        void run() {
            if (html) {
                report.htmlOperations.add(operation.name());
            }
            report.operations++;
            List<Case> cases = cases();
            report.coverage.add(operation.name() + ": " + cases.size() + " cases" + (html ? " (HTML page)" : "")
                    + (token == null ? " (public)" : ""));
            for (Case c : cases) {
                send(c);
            }
        }

        private List<Case> cases() {
            List<Case> cases = new ArrayList<>();
            Map<String, String> pathValues = new LinkedHashMap<>();
            Map<String, String> queryValues = new LinkedHashMap<>();
            for (JsonNode parameter : parameters) {
                String in = parameter.path("in").asText();
                JsonNode schema = resolve(parameter.path("schema"));
                if (in.equals("path")) {
                    pathValues.put(parameter.path("name").asText(), scalar(schema));
                } else if (in.equals("query") && parameter.path("required").asBoolean()) {
                    queryValues.put(parameter.path("name").asText(), scalar(schema));
                }
            }
            String target = target(pathValues, queryValues);
            JsonNode content = resolve(operation.spec().path("requestBody")).path("content");
            String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            JsonNode bodySchema = mediaType == null ? null : resolve(content.path(mediaType).path("schema"));
            byte[] baseline = mediaType == null ? null : baselineBody(mediaType, bodySchema);

            cases.add(new Case("plausible request", Expect.ANSWER, target, mediaType, baseline));
            cases.add(new Case("request target of 100,000 characters", Expect.REFUSAL,
                    target + (target.contains("?") ? "&" : "?") + "padding=" + HUGE, mediaType, baseline));

            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                if (!in.equals("path") && !in.equals("query")) {
                    continue;
                }
                JsonNode schema = resolve(parameter.path("schema"));
                List<String[]> bad = new ArrayList<>();
                bad.add(new String[] {"NUL character", "a\u0000b"});
                bad.add(new String[] {"5,000 characters", LONG_PARAMETER});
                String wrong = wrongScalar(schema);
                if (wrong != null) {
                    bad.add(new String[] {"wrong type", wrong});
                }
                for (String[] value : bad) {
                    Map<String, String> path = new LinkedHashMap<>(pathValues);
                    Map<String, String> query = new LinkedHashMap<>(queryValues);
                    (in.equals("path") ? path : query).put(name, value[1]);
                    cases.add(new Case(in + " parameter " + name + ": " + value[0], Expect.REFUSAL,
                            target(path, query), mediaType, baseline));
                }
            }

            if (mediaType == null) {
                return cases;
            }
            cases.add(new Case("body without Content-Type", Expect.REFUSAL, target, null, baseline));
            cases.add(new Case("binary body of 2 KB", Expect.ANSWER, target, mediaType, binary(2048)));
            if (mediaType.contains("json")) {
                String json = new String(baseline, StandardCharsets.UTF_8);
                cases.add(json(target, mediaType, "malformed JSON", "{\"" ));
                cases.add(json(target, mediaType, "trailing brace", json + "}"));
                cases.add(json(target, mediaType, "trailing second value", json + " {}"));
                cases.add(json(target, mediaType, "empty body", ""));
                if (bodySchema.path("type").asText().equals("object")) {
                    cases.add(json(target, mediaType, "array instead of object", "[]"));
                    cases.add(json(target, mediaType, "string instead of object", "\"text\""));
                }
                JsonNode tree = readTree(json);
                for (Mutation mutation : mutations(tree, bodySchema)) {
                    cases.add(new Case("field " + mutation.field() + ": " + mutation.name(), Expect.REFUSAL, target,
                            mediaType, mutation.body().getBytes(StandardCharsets.UTF_8)));
                }
            } else if (mediaType.equals("application/x-www-form-urlencoded")) {
                cases.add(new Case("malformed percent-encoding", Expect.ANSWER, target, mediaType,
                        "a=%zz&b=%".getBytes(StandardCharsets.UTF_8)));
                for (Iterator<String> names = bodySchema.path("properties").fieldNames(); names.hasNext(); ) {
                    String field = names.next();
                    for (String[] value : List.of(new String[] {"NUL character", "a\u0000b"},
                            new String[] {"5,000 characters", LONG_PARAMETER},
                            new String[] {"100,000 characters", HUGE})) {
                        cases.add(new Case("form field " + field + ": " + value[0], Expect.REFUSAL, target,
                                mediaType, form(bodySchema, field, value[1])));
                    }
                }
            } else {
                cases.add(new Case("NUL character in the body", Expect.ANSWER, target, mediaType,
                        "a\u0000b\n".getBytes(StandardCharsets.UTF_8)));
            }
            return cases;
        }

        private Case json(String target, String mediaType, String name, String body) {
            return new Case(name, Expect.REFUSAL, target, mediaType, body.getBytes(StandardCharsets.UTF_8));
        }

        private void send(Case c) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(c.pathAndQuery().substring(1)))
                    .timeout(Duration.ofSeconds(60))
                    .method(operation.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (c.contentType() != null && c.body() != null) {
                request.header("Content-Type", c.contentType());
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (html) {
                // As a browser asks: a refusal before the page's own code runs must still be a page.
                request.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                report.fail(operation.name(), c.name(), 0, "", "no answer: " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            report.requests++;
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body = response.body();
            if (status >= 500) {
                report.fail(operation.name(), c.name(), status, type, body);
            } else if (status >= 400) {
                if (html && !type.startsWith("text/html")) {
                    report.fail(operation.name(), c.name(), status, type, "expected an HTML page; " + body);
                } else if (!html && !isProblem(status, type, body)) {
                    report.fail(operation.name(), c.name(), status, type, "expected problem+json; " + body);
                }
            } else if (c.expect() == Expect.REFUSAL) {
                report.fail(operation.name(), c.name(), status, type, "bad input was accepted; " + body);
            }
        }

        private boolean isProblem(int status, String type, String body) {
            if (!type.startsWith("application/problem+json")) {
                return false;
            }
            try {
                JsonNode problem = JSON.readTree(body);
                return problem.path("status").asInt() == status && problem.hasNonNull("title");
            } catch (IOException e) {
                return false;
            }
        }

        private String tokenFor(JsonNode spec) {
            JsonNode security = spec.path("security");
            if (!security.isArray() || security.isEmpty()) {
                security = document.path("security");
            }
            if (!security.isArray() || security.isEmpty()) {
                return null;
            }
            List<String> roles = new ArrayList<>();
            security.forEach(requirement -> requirement.fields()
                    .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
            return tokens.apply(roles.isEmpty() ? ALL_ROLES : roles);
        }

        private boolean answersWithHtml(JsonNode spec) {
            List<String> types = new ArrayList<>();
            spec.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    resolve(response.getValue()).path("content").fieldNames().forEachRemaining(types::add);
                }
            });
            return !types.isEmpty() && types.stream().allMatch(type -> type.startsWith("text/html"));
        }

        private String target(Map<String, String> pathValues, Map<String, String> queryValues) {
            String path = operation.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", encode(value.getValue()));
            }
            StringBuilder target = new StringBuilder(path);
            char separator = '?';
            for (Map.Entry<String, String> value : queryValues.entrySet()) {
                target.append(separator).append(encode(value.getKey())).append('=').append(encode(value.getValue()));
                separator = '&';
            }
            return target.toString();
        }

        private String scalar(JsonNode schema) {
            JsonNode value = example(schema, 0);
            return value.isTextual() ? value.asText() : value.toString();
        }

        private String wrongScalar(JsonNode schema) {
            if (schema.has("enum")) {
                return "NOT_A_KNOWN_VALUE";
            }
            return switch (schema.path("type").asText()) {
                case "integer", "number" -> "abc";
                case "boolean" -> "maybe";
                case "string" -> switch (schema.path("format").asText()) {
                    case "uuid" -> "not-a-uuid";
                    case "date-time" -> "1700000000";
                    case "date" -> "27.03.2026";
                    default -> null;
                };
                default -> null;
            };
        }

        private byte[] baselineBody(String mediaType, JsonNode schema) {
            if (mediaType.contains("json")) {
                return example(schema, 0).toString().getBytes(StandardCharsets.UTF_8);
            }
            if (mediaType.equals("application/x-www-form-urlencoded")) {
                return form(schema, null, null);
            }
            return "id,value\n1,fuzz\n".getBytes(StandardCharsets.UTF_8);
        }

        private byte[] form(JsonNode schema, String field, String value) {
            StringBuilder form = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                    properties.hasNext(); ) {
                Map.Entry<String, JsonNode> property = properties.next();
                String v = property.getKey().equals(field) ? value : scalar(resolve(property.getValue()));
                form.append(form.isEmpty() ? "" : "&").append(encode(property.getKey())).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }

        private byte[] binary(int size) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            return bytes;
        }

        /** A plausible value for a schema: the first enum value, a date-time with an offset, one list item. */
        private JsonNode example(JsonNode schema, int depth) {
            schema = resolve(schema);
            if (schema.has("enum") && !schema.path("enum").isEmpty()) {
                return schema.path("enum").get(0);
            }
            String type = schema.path("type").asText();
            if (type.isEmpty() && schema.has("properties")) {
                type = "object";
            }
            switch (type) {
                case "object" -> {
                    ObjectNode object = NODES.objectNode();
                    if (depth < 5) {
                        schema.path("properties").fields().forEachRemaining(
                                property -> object.set(property.getKey(), example(property.getValue(), depth + 1)));
                        JsonNode additional = schema.path("additionalProperties");
                        if (additional.isObject() && object.isEmpty()) {
                            object.set("key", example(additional, depth + 1));
                        }
                    }
                    return object;
                }
                case "array" -> {
                    ArrayNode array = NODES.arrayNode();
                    if (depth < 5) {
                        array.add(example(schema.path("items"), depth + 1));
                    }
                    return array;
                }
                case "integer", "number" -> {
                    return NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
                }
                case "boolean" -> {
                    return NODES.booleanNode(true);
                }
                default -> {
                    return NODES.textNode(switch (schema.path("format").asText()) {
                        case "date-time" -> "2026-03-27T16:30:00+01:00";
                        case "date" -> "2026-03-27";
                        case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
                        case "email" -> "fuzz@example.org";
                        case "duration" -> "PT1H";
                        default -> "fuzz";
                    });
                }
            }
        }

        private record Mutation(String field, String name, String body) {
        }

        /** For each field of the plausible body, the bad values its type invites, one field at a time. */
        private List<Mutation> mutations(JsonNode tree, JsonNode schema) {
            List<Mutation> mutations = new ArrayList<>();
            collect(tree, tree, schema, "", mutations, 0);
            return mutations;
        }

        private void collect(JsonNode root, JsonNode node, JsonNode schema, String field, List<Mutation> out, int depth) {
            schema = resolve(schema);
            if (depth > 4) {
                return;
            }
            if (node.isObject() && schema.has("properties")) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    collect(root, node.get(name), schema.path("properties").path(name),
                            field.isEmpty() ? name : field + "." + name, out, depth + 1);
                }
                return;
            }
            if (field.isEmpty()) {
                return;
            }
            if (node.isArray()) {
                out.add(replace(root, field, "array with a null item", NODES.arrayNode().addNull()));
                out.add(replace(root, field, "text instead of a list", NODES.textNode("text")));
                if (!node.isEmpty()) {
                    collect(root, node.get(0), schema.path("items"), field + "[0]", out, depth + 1);
                }
                return;
            }
            if (node.isObject()) {
                out.add(replace(root, field, "text instead of an object", NODES.textNode("text")));
                return;
            }
            if (schema.has("enum")) {
                out.add(replace(root, field, "unknown enum value", NODES.textNode("NOT_A_KNOWN_VALUE")));
                out.add(replace(root, field, "enum by number", NODES.numberNode(0)));
                return;
            }
            if (node.isTextual()) {
                out.add(replace(root, field, "NUL character", NODES.textNode("a\u0000b")));
                out.add(replace(root, field, "100,000 characters", NODES.textNode(HUGE)));
                out.add(replace(root, field, "object instead of text", NODES.objectNode()));
                if (schema.path("format").asText().equals("date-time")) {
                    out.add(replace(root, field, "timestamp as a number", NODES.numberNode(1_700_000_000L)));
                    out.add(replace(root, field, "timestamp without offset", NODES.textNode("2026-03-27T16:30:00")));
                } else {
                    out.add(replace(root, field, "number instead of text", NODES.numberNode(12345)));
                }
            } else if (node.isNumber()) {
                out.add(replace(root, field, "text instead of a number", NODES.textNode("abc")));
                out.add(replace(root, field, "huge number", NODES.numberNode(new java.math.BigInteger("9".repeat(40)))));
            } else if (node.isBoolean()) {
                out.add(replace(root, field, "text instead of a boolean", NODES.textNode("maybe")));
            }
        }

        private Mutation replace(JsonNode root, String field, String name, JsonNode value) {
            JsonNode copy = root.deepCopy();
            JsonNode parent = copy;
            String[] steps = field.replace("[0]", ".[0]").split("\\.");
            for (int i = 0; i < steps.length - 1; i++) {
                parent = steps[i].equals("[0]") ? parent.get(0) : parent.get(steps[i]);
            }
            String last = steps[steps.length - 1];
            if (last.equals("[0]")) {
                ((ArrayNode) parent).set(0, value);
            } else {
                ((ObjectNode) parent).set(last, value);
            }
            return new Mutation(field, name, copy.toString());
        }

        private JsonNode resolve(JsonNode node) {
            int hops = 0;
            while (node.has("$ref") && hops++ < 10) {
                node = document.at(node.path("$ref").asText().substring(1));
            }
            for (String combination : List.of("allOf", "oneOf", "anyOf")) {
                if (node.has(combination) && !node.path(combination).isEmpty()) {
                    ObjectNode merged = NODES.objectNode();
                    for (JsonNode part : node.path(combination)) {
                        JsonNode resolved = resolve(part);
                        if (resolved.isObject()) {
                            merged.setAll((ObjectNode) resolved.deepCopy());
                        }
                        if (!combination.equals("allOf")) {
                            break;
                        }
                    }
                    return merged;
                }
            }
            return node;
        }

        private JsonNode readTree(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every answer that broke the rules, and what was covered. */
    public static final class Report {

        private final List<String> failures = new ArrayList<>();
        private final TreeSet<String> htmlOperations = new TreeSet<>();
        private final List<String> coverage = new ArrayList<>();
        private int operations;
        private int requests;

        private void fail(String operation, String caseName, int status, String type, String body) {
            String excerpt = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            failures.add(operation + " [" + caseName + "] -> " + status + " " + type + " " + excerpt.replace('\n', ' '));
        }

        /** One line per failing operation and case. */
        public List<String> failures() {
            return failures;
        }

        /** The operations whose success is an HTML page; their 4xx must be pages too. */
        public TreeSet<String> htmlOperations() {
            return htmlOperations;
        }

        /** One line per operation: how many cases it got, and whether it is a public page. */
        public List<String> coverage() {
            return coverage;
        }

        public int operations() {
            return operations;
        }

        public int requests() {
            return requests;
        }

        /** The failures as one message, for an assertion's description. */
        public String describe() {
            return failures.size() + " failing cases over " + operations + " operations (" + requests
                    + " requests):\n" + String.join("\n", failures);
        }
    }
}
