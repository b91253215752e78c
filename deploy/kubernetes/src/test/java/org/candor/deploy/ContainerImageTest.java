package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.candor.contracts.Topics;
import org.candor.deploy.CandorServices.ServiceNeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The image every service runs in, and the Docker Compose file that runs the suite without Kubernetes. */
class ContainerImageTest {

    static final List<String> SERVICES = CandorServices.all().stream().map(ServiceNeeds::name).toList();

    @Test
    void theImageRunsTheFastJarAsTheNonRootUserTheDeploymentsDeclare() throws IOException {
        String dockerfile = Files.readString(Manifests.root().resolve("deploy/docker/Dockerfile.jvm"));
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)\\s*$").matcher(dockerfile);
        assertThat(user.find()).as("a numeric USER").isTrue();
        long uid = Long.parseLong(user.group(1));
        assertThat(uid).isPositive();
        assertThat(dockerfile).contains("target/quarkus-app/").contains("quarkus-run.jar");
        for (String overlay : Manifests.OVERLAYS) {
            assertThat(Manifests.of(overlay).all(Deployment.class))
                    .allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                            .isEqualTo(uid));
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composeBuildsAndRunsEachServiceOnItsPortReadOnly(String service) {
        ServiceNeeds needs = CandorServices.named(service);
        JsonNode entry = compose().path("services").path(service);
        assertThat(entry.isMissingNode()).as(service + " in docker-compose.yml").isFalse();
        assertThat(entry.path("build").path("args").path("SERVICE").asText()).isEqualTo(service);
        assertThat(entry.path("build").path("dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile.jvm");
        assertThat(entry.path("ports").toString()).contains("\"" + needs.port() + ":" + needs.port() + "\"");
        assertThat(entry.path("read_only").asBoolean()).isTrue();
        assertThat(entry.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText()).endsWith("/" + needs.database());
        assertThat(entry.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo(needs.databaseUser());
        assertThat(entry.path("environment").path("QUARKUS_DATASOURCE_PASSWORD").asText()).startsWith("${");
    }

    @Test
    void composeCreatesTheTopicsOfTheKubernetesDefinitionAndThatDefinitionHasEveryTopic() throws java.io.IOException {
        JsonNode topics = compose().path("services").path("kafka-topics");
        assertThat(topics.path("volumes").toString()).contains("./kubernetes/base/kafka/topics.yaml:/topics.yaml");
        assertThat(topics.path("entrypoint").toString()).contains("/create-topics.sh");
        String script = java.nio.file.Files.readString(Manifests.root().resolve("deploy/docker/create-topics.sh"));
        assertThat(script).contains("/topics.yaml").contains("topicName:").contains("partitions:");
        Set<String> defined = new TreeSet<>();
        Manifests.of("dev").all(io.strimzi.api.kafka.model.topic.KafkaTopic.class)
                .forEach(t -> defined.add(t.getSpec().getTopicName()));
        Set<String> needed = new TreeSet<>(Topics.all());
        needed.addAll(CandorServices.configuredTopics());
        assertThat(defined).containsAll(needed);
    }

    @Test
    void composeDeliversEmailToMailpitAndSmsToTheGatewayStubs() {
        JsonNode services = compose().path("services");
        assertThat(services.path("mailpit").path("image").asText()).startsWith("axllent/mailpit:v");
        assertThat(services.path("mailpit").path("ports").toString()).contains("8025:8025");
        JsonNode env = services.path("notification-service").path("environment");
        assertThat(env.path("QUARKUS_MAILER_HOST").asText()).isEqualTo("mailpit");
        for (String stub : List.of("sms-primary", "sms-secondary")) {
            assertThat(services.path(stub).path("image").asText()).startsWith("wiremock/wiremock:");
            assertThat(services.path(stub).path("volumes").toString()).contains("./docker/sms-stub/mappings");
            assertThat(services.path("notification-service").path("depends_on").has(stub)).as(stub).isTrue();
        }
        assertThat(env.path("CANDOR_SMS_PRIMARY_URL").asText()).isEqualTo("http://sms-primary:8080");
        assertThat(env.path("CANDOR_SMS_SECONDARY_URL").asText()).isEqualTo("http://sms-secondary:8080");
    }

    @Test
    void everySecretTheComposeFileRequiresIsGeneratedByComposeSecrets() throws java.io.IOException {
        Set<String> required = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(
                java.nio.file.Files.readString(Manifests.root().resolve("deploy/docker-compose.yml")));
        while (variable.find()) {
            required.add(variable.group(1));
        }
        String generator = java.nio.file.Files.readString(Manifests.root().resolve("deploy/compose-secrets"));
        Set<String> generated = new TreeSet<>();
        Matcher names = Pattern.compile("\\b(CANDOR_[A-Z0-9_]+)\\b").matcher(
                generator.substring(generator.indexOf("for name in"), generator.indexOf("; do")));
        while (names.find()) {
            generated.add(names.group(1));
        }
        assertThat(required).isNotEmpty();
        assertThat(generated).containsExactlyInAnyOrderElementsOf(required);
    }

    /** The names of the variables docker-compose.yml sets for a service. */
    static java.util.Set<String> composeEnvironment(String service) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        compose().path("services").path(service).path("environment").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode compose() {
        try {
            Path file = Manifests.root().resolve("deploy/docker-compose.yml");
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
