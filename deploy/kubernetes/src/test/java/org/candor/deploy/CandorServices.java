package org.candor.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.candor.contracts.EventCatalog;
import org.candor.contracts.EventType;

/**
 * What the services need from the platform, read from their code and configuration (not from the manifests):
 * ports, Kafka topics and consumer groups, databases, calls to each other.
 */
public final class CandorServices {

    /** The outbox relay's channel: its configured topic is a placeholder, the topic is chosen per event. */
    static final String OUTBOX_CHANNEL = "candor-outbox";

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
    private static final Pattern OUTGOING = Pattern.compile("mp\\.messaging\\.outgoing\\.([^.]+)\\.connector");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern SMS_PROVIDER_URL = Pattern.compile("candor\\.[a-z]+\\.sms\\.[a-z-]+\\.url");
    private static final Pattern REST_CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.\"?([^\"]+?)\"?\\.url");

    /** A consumed topic and the consumer group that reads it. */
    public record Consumer(String channel, String topic, String group, String deadLetterTopic) {
    }

    /** One service's needs. */
    public record ServiceNeeds(String name, String shortName, int port, int managementPort, boolean usesKafka,
            String database,
            String databaseUser, List<Consumer> consumers, Set<String> producedTopics, Set<Integer> callsPorts,
            Set<Integer> externalPorts, long maxBodyBytes, int jdbcPoolSize) {

        Set<String> consumedTopics() {
            Set<String> topics = new TreeSet<>();
            consumers.forEach(c -> topics.add(c.topic()));
            return topics;
        }

        Set<String> groups() {
            Set<String> groups = new TreeSet<>();
            consumers.forEach(c -> groups.add(c.group()));
            return groups;
        }

        /** Topics the service must be able to write: what its code publishes and its dead-letter topics. */
        Set<String> writtenTopics() {
            Set<String> topics = new TreeSet<>(producedTopics);
            consumers.stream().map(Consumer::deadLetterTopic).filter(t -> t != null).forEach(topics::add);
            return topics;
        }
    }

    private CandorServices() {
    }

    /** Every service module of the repository: a directory named *-service with an application.properties. */
    public static List<ServiceNeeds> all() {
        Path root = Manifests.root();
        Properties shared = load(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("-service"))
                    .filter(d -> Files.exists(d.resolve("src/main/resources/application.properties")))
                    .sorted()
                    .map(d -> read(d, shared))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServiceNeeds named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name));
    }

    /** Topics named in any service's configuration, besides the outbox relay's placeholder. */
    public static Set<String> configuredTopics() {
        Path root = Manifests.root();
        Properties shared = load(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        Set<String> topics = new TreeSet<>();
        for (ServiceNeeds service : all()) {
            topics.addAll(service.consumedTopics());
            topics.addAll(service.writtenTopics());
            Properties props = merged(shared, load(root.resolve(service.name() + "/src/main/resources/application.properties")));
            for (String key : props.stringPropertyNames()) {
                Matcher out = OUTGOING.matcher(key);
                if (out.matches() && !out.group(1).equals(OUTBOX_CHANNEL)) {
                    topics.add(resolve(props, props.getProperty("mp.messaging.outgoing." + out.group(1) + ".topic", out.group(1))));
                }
            }
        }
        return topics;
    }

    private static ServiceNeeds read(Path dir, Properties shared) {
        String name = dir.getFileName().toString();
        String shortName = name.substring(0, name.length() - "-service".length());
        Properties props = merged(shared, load(dir.resolve("src/main/resources/application.properties")));
        int port = Integer.parseInt(props.getProperty("quarkus.http.port", "8080"));
        int managementPort = Integer.parseInt(props.getProperty("quarkus.management.port", "9000"));
        String application = props.getProperty("quarkus.application.name", name);

        List<Consumer> consumers = new ArrayList<>();
        Set<String> produced = new TreeSet<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            Matcher in = INCOMING.matcher(key);
            if (in.matches() && "smallrye-kafka".equals(props.getProperty(key))) {
                String prefix = "mp.messaging.incoming." + in.group(1) + ".";
                String topic = resolve(props, props.getProperty(prefix + "topic", in.group(1)));
                String group = resolve(props, props.getProperty(prefix + "group.id", application));
                String strategy = props.getProperty(prefix + "failure-strategy", "");
                // candor-dead-letter is the connector's dead-letter queue after retries in place.
                String dlq = strategy.equals("dead-letter-queue") || strategy.equals("candor-dead-letter")
                        ? resolve(props, props.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + in.group(1)))
                        : null;
                for (String t : topic.split(",")) {
                    consumers.add(new Consumer(in.group(1), t.trim(), group, dlq));
                }
            }
            Matcher out = OUTGOING.matcher(key);
            if (out.matches() && "smallrye-kafka".equals(props.getProperty(key)) && !out.group(1).equals(OUTBOX_CHANNEL)) {
                produced.add(resolve(props, props.getProperty("mp.messaging.outgoing." + out.group(1) + ".topic", out.group(1))));
            }
        }
        produced.addAll(publishedByCode(dir));

        Set<Integer> calls = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (REST_CLIENT_URL.matcher(key).matches()) {
                URI url = URI.create(props.getProperty(key).trim());
                if ("localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost())) {
                    calls.add(url.getPort());
                }
            }
        }

        // Outside the cluster: an SMTP server, or an HTTP provider called by a REST client not on localhost.
        Set<Integer> external = new TreeSet<>();
        if (props.stringPropertyNames().stream().anyMatch(k -> k.startsWith("quarkus.mailer."))) {
            external.add(587);
        }
        // An SMS gateway is an external HTTPS provider, whatever local stub the defaults point at.
        if (props.stringPropertyNames().stream().anyMatch(k -> SMS_PROVIDER_URL.matcher(k).matches())) {
            external.add(443);
        }
        for (String key : props.stringPropertyNames()) {
            if (REST_CLIENT_URL.matcher(key).matches()) {
                URI url = URI.create(props.getProperty(key).trim());
                if (!"localhost".equals(url.getHost()) && !"127.0.0.1".equals(url.getHost())) {
                    external.add(url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80);
                }
            }
        }

        String jdbc = props.getProperty("quarkus.datasource.jdbc.url", "");
        String database = jdbc.isEmpty() ? null : jdbc.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        boolean kafka = props.stringPropertyNames().stream().anyMatch(k -> k.startsWith("kafka.") || k.startsWith("mp.messaging."));
        return new ServiceNeeds(name, shortName, port, managementPort, kafka, database,
                props.getProperty("quarkus.datasource.username"), List.copyOf(consumers), produced, calls, external,
                bytes(props.getProperty("quarkus.http.limits.max-body-size", "10M")),
                Integer.parseInt(props.getProperty("quarkus.datasource.jdbc.max-size", "20")));
    }

    /**
     * Resolves {@code ${key}} and {@code ${key:default}} against the configuration. An expression that has
     * neither (such as {@code ${quarkus.uuid}}) differs per instance: what precedes it becomes a prefix, written
     * {@code name*}, e.g. a consumer group per replica.
     */
    static String resolve(Properties props, String value) {
        Matcher expression = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (expression.find()) {
            String key = expression.group(1);
            String fallback = expression.group(2);
            String replacement = props.getProperty(key, fallback);
            if (replacement == null) {
                expression.appendReplacement(resolved, "");
                return resolved + "*";
            }
            expression.appendReplacement(resolved, Matcher.quoteReplacement(resolve(props, replacement)));
        }
        expression.appendTail(resolved);
        return resolved.toString();
    }

    /** Topics of the catalogued events whose records the service's own code creates (and so publishes). */
    static Set<String> publishedByCode(Path serviceDir) {
        Set<String> topics = new TreeSet<>();
        Path sources = serviceDir.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return topics;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            String code = files.filter(f -> f.toString().endsWith(".java")).map(CandorServices::readString)
                    .reduce("", String::concat);
            for (EventType type : EventCatalog.ALL) {
                if (Pattern.compile("new\\s+" + type.dataClass().getSimpleName() + "\\s*\\(").matcher(code).find()) {
                    topics.add(type.topic());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    /** A size as Quarkus ({@code 10M}) or ingress-nginx ({@code 10m}) writes it, in bytes. */
    static long bytes(String size) {
        Matcher m = Pattern.compile("(?i)\\s*(\\d+)\\s*([kmgt]?)b?\\s*").matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a size: " + size);
        }
        int power = "kmgt".indexOf(m.group(2).toLowerCase()) + 1;
        return Long.parseLong(m.group(1)) << (10 * power);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties merged(Properties shared, Properties own) {
        Properties merged = new Properties();
        shared.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> merged.setProperty(k, shared.getProperty(k)));
        own.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> merged.setProperty(k, own.getProperty(k)));
        return merged;
    }

    private static Properties load(Path file) {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return props;
    }
}
