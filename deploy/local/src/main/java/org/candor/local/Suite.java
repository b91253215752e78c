package org.candor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.candor.testsupport.InProcessKafka;
import org.candor.testsupport.InProcessPostgres;
import org.candor.testsupport.JwtIssuer;
import org.candor.testsupport.LocalSettings;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The whole of Candor on one machine: a KRaft Kafka broker and PostgreSQL (both in this JVM, data
 * kept under the state directory), GreenMail for SMTP, two SMS gateway stubs (primary and
 * secondary provider), and the five services as separate processes, each with its own database
 * and database role.
 */
public final class Suite implements AutoCloseable {

    /**
     * Where things listen. Zero picks a free port.
     *
     * @param services each service's application port, by service name
     * @param management each service's management interface port (health, metrics, OpenAPI), by service name
     */
    public record Ports(int kafka, int postgres, int smtp, int imap, int smsPrimary, int smsSecondary,
            Map<String, Integer> services, Map<String, Integer> management) {

        public static Ports defaults() {
            Map<String, Integer> services = new LinkedHashMap<>();
            Map<String, Integer> management = new LinkedHashMap<>();
            ServiceSpec.ALL.forEach(spec -> {
                services.put(spec.name(), spec.defaultPort());
                management.put(spec.name(), spec.defaultManagementPort());
            });
            return new Ports(19092, 15432, 3025, 3143, 18089, 18090, services, management);
        }

        public static Ports free() {
            Map<String, Integer> services = new LinkedHashMap<>();
            Map<String, Integer> management = new LinkedHashMap<>();
            ServiceSpec.ALL.forEach(spec -> {
                services.put(spec.name(), org.candor.testsupport.FreePorts.next());
                management.put(spec.name(), org.candor.testsupport.FreePorts.next());
            });
            return new Ports(0, 0, org.candor.testsupport.FreePorts.next(), org.candor.testsupport.FreePorts.next(),
                    org.candor.testsupport.FreePorts.next(), org.candor.testsupport.FreePorts.next(), services,
                    management);
        }
    }

    private static final String LINK_SECRET = "incident-link-secret";
    private static final String SURVEY_TOKEN_SECRET = "feedback-token-secret";
    private static final String OPT_OUT_SECRET = "notification-opt-out-secret";
    private static final String RECEIPT_SECRET = "notification-receipt-secret";
    private static final String VERIFICATION_SECRET = "support-verification-secret";
    private static final String CALENDAR_LINK_SECRET = "compliance-calendar-link-secret";

    private final Path root;
    private final Path stateDir;
    private final Ports ports;
    private final JwtIssuer jwt;
    private final LocalDkim dkim;
    private InProcessKafka kafka;
    private InProcessPostgres postgres;
    private GreenMail mail;
    private SmsGatewayStub smsPrimary;
    private SmsGatewayStub smsSecondary;
    private Properties databasePasswords;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    /**
     * @param root the project root, where each service's {@code target/quarkus-app} lies
     * @param stateDir where data, keys and logs are kept between runs
     */
    public Suite(Path root, Path stateDir, Ports ports) {
        this.root = root;
        this.stateDir = stateDir;
        this.ports = ports;
        this.jwt = JwtIssuer.inDirectory(stateDir.resolve("keys"));
        this.dkim = LocalDkim.inDirectory(stateDir.resolve("keys"));
    }

    /** Starts Kafka, PostgreSQL (with a database and role per service), SMTP and the SMS stubs. */
    public Suite startInfrastructure() {
        kafka = InProcessKafka.start(stateDir.resolve("data/kafka"), ports.kafka());
        kafka.createTopics(org.candor.contracts.Topics.all(), 3);
        postgres = InProcessPostgres.start(stateDir.resolve("data/postgres"), ports.postgres());
        databasePasswords = loadOrCreatePasswords();
        ServiceSpec.ALL.forEach(this::ensureDatabase);
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(ports.smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(ports.imap(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        smsPrimary = SmsGatewayStub.start(ports.smsPrimary());
        smsSecondary = SmsGatewayStub.start(ports.smsSecondary());
        return this;
    }

    /** Starts the named services in parallel and waits until each is ready. */
    public Suite startServices(List<ServiceSpec> specs) {
        ExecutorService starter = Executors.newFixedThreadPool(specs.size());
        try {
            List<Future<ServiceProcess>> started = new ArrayList<>();
            for (ServiceSpec spec : specs) {
                started.add(starter.submit(() -> startService(spec)));
            }
            for (Future<ServiceProcess> future : started) {
                ServiceProcess process = future.get();
                services.put(process.spec().name(), process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            starter.shutdown();
        }
        return this;
    }

    /** Starts one service (again, after a stop or kill) and waits until it is ready. */
    public ServiceProcess startService(ServiceSpec spec) {
        ServiceProcess process = ServiceProcess.start(spec,
                root.resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar"),
                ports.services().get(spec.name()), ports.management().get(spec.name()), environment(spec),
                stateDir.resolve("logs").resolve(spec.name() + ".log"))
                .awaitReady(Duration.ofSeconds(120));
        services.put(spec.name(), process);
        return process;
    }

    private Map<String, String> environment(ServiceSpec spec) {
        Map<String, String> baseUrls = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(other -> baseUrls.put(other.name(), "http://127.0.0.1:" + ports.services().get(other.name())));
        // Every setting a service refuses to start without outside dev and test; the keys are this run's own.
        Map<String, String> env = new LinkedHashMap<>(LocalSettings.environment(baseUrls));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(spec.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", spec.database());
        env.put("QUARKUS_DATASOURCE_PASSWORD", databasePasswords.getProperty(spec.database()));
        env.put("CANDOR_JWT_PUBLIC_KEY_LOCATION", jwt.publicKeyFile().toUri().toString());
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(ports.smtp()));
        env.put("CANDOR_SMS_PRIMARY_URL", smsPrimary.baseUrl());
        env.put("CANDOR_SMS_SECONDARY_URL", smsSecondary.baseUrl());
        env.put("CANDOR_INCIDENT_LINK_SECRET", databasePasswords.getProperty(LINK_SECRET));
        env.put("CANDOR_FEEDBACK_TOKEN_SECRET", databasePasswords.getProperty(SURVEY_TOKEN_SECRET));
        env.put("CANDOR_NOTIFICATION_OPT_OUT_SECRET", databasePasswords.getProperty(OPT_OUT_SECRET));
        env.put("CANDOR_NOTIFICATION_RECEIPT_SECRET", databasePasswords.getProperty(RECEIPT_SECRET));
        env.put("CANDOR_SUPPORT_VERIFICATION_SECRET", databasePasswords.getProperty(VERIFICATION_SECRET));
        env.put("CANDOR_COMPLIANCE_CALENDAR_LINK_SECRET", databasePasswords.getProperty(CALENDAR_LINK_SECRET));
        env.put("CANDOR_NOTIFICATION_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.services().get("notification-service"));
        if (spec.name().equals("notification-service")) {
            // Every email is DKIM-signed with this run's key (its TXT record is printed at start).
            env.put("QUARKUS_CONFIG_LOCATIONS", dkim.configLocation());
        }
        // Short links in SMS may lead to the other services' public pages, each on its own port here.
        env.put("CANDOR_NOTIFICATION_SHORT_LINKS_ALLOWED_ORIGINS", java.util.stream.Stream.of("incident-service",
                "support-service", "feedback-service").map(name -> "http://127.0.0.1:" + ports.services().get(name))
                .collect(java.util.stream.Collectors.joining(",")));
        // The local SMS gateway stubs accept any credentials.
        env.put("CANDOR_SMS_PRIMARY_AUTH_TOKEN", "local-auth-token");
        env.put("CANDOR_SMS_SECONDARY_AUTH_TOKEN", "local-auth-token");
        env.put("CANDOR_FEEDBACK_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.services().get("feedback-service"));
        if (spec.name().equals("incident-service")) {
            // The staff overview asks the other four for their summaries.
            ServiceSpec.ALL.stream().filter(other -> !other.equals(spec)).forEach(other -> env.put(
                    "QUARKUS_REST_CLIENT_" + other.shortName().toUpperCase(java.util.Locale.ROOT) + "_URL",
                    "http://127.0.0.1:" + ports.services().get(other.name())));
        }
        return env;
    }

    /** Creates the service's role and database once; the role owns only its own database. */
    private void ensureDatabase(ServiceSpec spec) {
        String name = spec.database();
        try (Connection admin = DriverManager.getConnection(postgres.adminJdbcUrl(), "postgres", "");
                Statement statement = admin.createStatement()) {
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", name)) {
                statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + databasePasswords.getProperty(name) + "'");
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", name)) {
                statement.execute("CREATE DATABASE " + name + " OWNER " + name);
                statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + name, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Database passwords are made on first start and kept, readable only by the owner, in the state directory. */
    private Properties loadOrCreatePasswords() {
        Path file = stateDir.resolve("keys/database-passwords.properties");
        Properties passwords = new Properties();
        try {
            if (Files.exists(file)) {
                try (var reader = Files.newBufferedReader(file)) {
                    passwords.load(reader);
                }
            }
            SecureRandom random = new SecureRandom();
            boolean changed = false;
            for (String key : secretNames()) {
                if (!passwords.containsKey(key)) {
                    byte[] bytes = new byte[18];
                    random.nextBytes(bytes);
                    passwords.setProperty(key, HexFormat.of().formatHex(bytes));
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                try (var writer = Files.newBufferedWriter(file)) {
                    passwords.store(writer, "Local database passwords; never commit this file");
                }
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One password per service database, and the keys the services sign public links with. */
    private static List<String> secretNames() {
        List<String> names = new ArrayList<>();
        ServiceSpec.ALL.forEach(spec -> names.add(spec.database()));
        names.add(LINK_SECRET);
        names.add(SURVEY_TOKEN_SECRET);
        names.add(OPT_OUT_SECRET);
        names.add(RECEIPT_SECRET);
        names.add(VERIFICATION_SECRET);
        names.add(CALENDAR_LINK_SECRET);
        return names;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }

    /** Credentials of a service's own database role, for tests that look inside a service's database. */
    public String databasePassword(ServiceSpec spec) {
        return databasePasswords.getProperty(spec.database());
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The DNS TXT record the local run's DKIM key would need. */
    public String dkimRecord() {
        return dkim.dnsRecord();
    }

    public JwtIssuer jwt() {
        return jwt;
    }

    public ServiceProcess service(String name) {
        ServiceProcess process = services.get(ServiceSpec.named(name).name());
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public Ports ports() {
        return ports;
    }

    public int postgresPort() {
        return postgres.port();
    }

    public String smsPrimaryUrl() {
        return smsPrimary.baseUrl();
    }

    /** The SMTP server every email goes to (GreenMail), for tests that read the mail. */
    public GreenMail mail() {
        return mail;
    }

    /** Takes the Kafka broker away, as an outage would; its data stays for {@link #startKafka()}. */
    public void stopKafka() {
        kafka.stop();
    }

    /** Brings the broker back after {@link #stopKafka()}, at the same address with the same data. */
    public void startKafka() {
        kafka.startAgain();
    }

    /**
     * Restarts PostgreSQL as a failover would: every open session is cut, committed data stays, and
     * the server answers again at the same address.
     */
    public void restartPostgres() {
        postgres.stop();
        postgres.startAgain();
    }

    /** The SMS gateway stubs, primary first, for tests that count what arrived. */
    public List<SmsGatewayStub> smsGateways() {
        return List.of(smsPrimary, smsSecondary);
    }

    /** Stops one service gracefully, as an operator or a crash would take it away. */
    public void stopService(String name) {
        service(name).stop();
        services.remove(ServiceSpec.named(name).name());
    }

    public String smsSecondaryUrl() {
        return smsSecondary.baseUrl();
    }

    /** The project root, where each service's sources and packaged application lie. */
    public Path root() {
        return root;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Stops the services first (they flush to Kafka and PostgreSQL), then the infrastructure. */
    @Override
    public void close() {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        running.parallelStream().forEach(ServiceProcess::stop);
        services.clear();
        if (smsPrimary != null) {
            smsPrimary.close();
        }
        if (smsSecondary != null) {
            smsSecondary.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
