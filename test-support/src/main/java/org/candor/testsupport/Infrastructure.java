package org.candor.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real Kafka broker and PostgreSQL server that tests run against, started once per JVM.
 *
 * <p>Where they come from, in order: external servers named by environment variables
 * ({@code CANDOR_TEST_KAFKA_BOOTSTRAP_SERVERS}, {@code CANDOR_TEST_POSTGRES_URL} with
 * {@code CANDOR_TEST_POSTGRES_USER} and {@code CANDOR_TEST_POSTGRES_PASSWORD}); Testcontainers when a
 * Docker engine answers; otherwise both are started inside this JVM.
 * {@code CANDOR_TEST_INFRA=in-process} forces the last choice.
 */
public final class Infrastructure {

    /** Where a service's database lives and how to log in. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    private static Infrastructure instance;

    private final String kafkaBootstrapServers;
    private final String postgresAdminUrl;
    private final String postgresUser;
    private final String postgresPassword;
    private final String description;
    private final InProcessPostgres inProcessPostgres;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    private Infrastructure(String kafkaBootstrapServers, String postgresAdminUrl, String postgresUser,
            String postgresPassword, String description) {
        this(kafkaBootstrapServers, postgresAdminUrl, postgresUser, postgresPassword, description, null);
    }

    private Infrastructure(String kafkaBootstrapServers, String postgresAdminUrl, String postgresUser,
            String postgresPassword, String description, InProcessPostgres inProcessPostgres) {
        this.inProcessPostgres = inProcessPostgres;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.postgresAdminUrl = postgresAdminUrl;
        this.postgresUser = postgresUser;
        this.postgresPassword = postgresPassword;
        this.description = description;
    }

    /** The shared infrastructure, started on first use and stopped when the JVM exits. */
    public static synchronized Infrastructure get() {
        if (instance == null) {
            instance = start();
            System.out.println("[candor-test] Kafka at " + instance.kafkaBootstrapServers + ", PostgreSQL at "
                    + instance.postgresAdminUrl + " (" + instance.description + ")");
        }
        return instance;
    }

    private static Infrastructure start() {
        Optional<String> externalKafka = env("CANDOR_TEST_KAFKA_BOOTSTRAP_SERVERS");
        Optional<String> externalPostgres = env("CANDOR_TEST_POSTGRES_URL");
        String mode = env("CANDOR_TEST_INFRA").orElse("auto").toLowerCase(Locale.ROOT);
        if (externalKafka.isPresent() && externalPostgres.isPresent()) {
            return new Infrastructure(externalKafka.get(), externalPostgres.get(),
                    env("CANDOR_TEST_POSTGRES_USER").orElse("postgres"),
                    env("CANDOR_TEST_POSTGRES_PASSWORD").orElse(""), "external");
        }
        if (!mode.equals("in-process") && dockerAvailable()) {
            return startContainers();
        }
        return startInProcess();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Infrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        kafka.start();
        postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.stop();
        }));
        String adminUrl = postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/postgres");
        return new Infrastructure(kafka.getBootstrapServers(), adminUrl, postgres.getUsername(),
                postgres.getPassword(), "Testcontainers");
    }

    private static Infrastructure startInProcess() {
        try {
            Path root = Files.createTempDirectory("candor-test-infra");
            InProcessKafka kafka = InProcessKafka.start(root.resolve("kafka"), 0);
            InProcessPostgres postgres = InProcessPostgres.start(root.resolve("postgres"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
                // A broker's logs and a cluster's files are a gigabyte or two per test JVM: leave none behind.
                TemporaryDirectories.deleteQuietly(root);
            }));
            return new Infrastructure(kafka.bootstrapServers(), postgres.adminJdbcUrl(), "postgres", "", "in-process",
                    postgres);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * Whether tests can stop and start the PostgreSQL server: only the one started in this JVM (an
     * external server is shared, and a container's port changes when it restarts).
     */
    public boolean canRestartPostgres() {
        return inProcessPostgres != null;
    }

    /** Stops the PostgreSQL server (see {@link #canRestartPostgres()}); every test database goes away with it. */
    public void stopPostgres() {
        restartable().stop();
    }

    /** Starts the PostgreSQL server again after {@link #stopPostgres()}, on the same port with the same data. */
    public void startPostgres() {
        restartable().startAgain();
    }

    private InProcessPostgres restartable() {
        if (inProcessPostgres == null) {
            throw new UnsupportedOperationException("Only the in-process PostgreSQL server can be restarted by a test");
        }
        return inProcessPostgres;
    }

    /** Creates a new, empty database whose name starts with {@code prefix}. */
    public Database createDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet())
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(postgresAdminUrl, postgresUser, postgresPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new Database(postgresAdminUrl.substring(0, postgresAdminUrl.lastIndexOf('/') + 1) + name,
                postgresUser, postgresPassword);
    }
}
