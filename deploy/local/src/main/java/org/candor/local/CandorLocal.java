package org.candor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.candor.testsupport.JwtIssuer;

/**
 * The local run: {@code up [--demo] [--free-ports]} starts everything (on the default ports, or on free
 * ones) and stays in the foreground until Ctrl-C or
 * {@code down}; {@code demo} declares an incident against a running suite and tells three demo customers;
 * {@code mail <address>} prints what the local SMTP server received for an address; {@code token [role...]}
 * prints a staff token; {@code dlq ...} and {@code outbox ...} list and replay a service's dead letters and
 * list its set-aside outbox events ({@link Operations}).
 */
public final class CandorLocal {

    private CandorLocal() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("candor.root", ".")).toAbsolutePath().normalize();
        Path stateDir = root.resolve(".candor");
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> up(root, stateDir, List.of(args).contains("--demo"),
                    List.of(args).contains("--free-ports") ? Suite.Ports.free() : Suite.Ports.defaults());
            case "demo" -> demo(JwtIssuer.inDirectory(stateDir.resolve("keys")), defaultUrls());
            case "token" -> System.out.println(JwtIssuer.inDirectory(stateDir.resolve("keys")).token("local-staff",
                    Duration.ofHours(8), args.length > 1 ? List.of(args).subList(1, args.length).toArray(String[]::new)
                            : allRoles()));
            case "down" -> down(stateDir);
            case "mail" -> {
                if (args.length != 2) {
                    System.err.println("Usage: candor mail <email address>");
                    System.exit(2);
                }
                new LocalMail(Suite.Ports.defaults().imap()).print(args[1]);
            }
            case "dlq", "outbox" -> System.exit(new Operations(stateDir.resolve("keys")).run(List.of(args)));
            default -> {
                System.err.println("Usage: candor up [--demo] [--free-ports] | demo | token [role ...] | mail <address> | down"
                        + " | dlq list|show|replay <service> ... | outbox <service>");
                System.exit(2);
            }
        }
    }

    private static void up(Path root, Path stateDir, boolean runDemo, Suite.Ports ports) throws Exception {
        Path pidFile = stateDir.resolve("candor.pid");
        if (Files.exists(pidFile) && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .map(ProcessHandle::isAlive).orElse(false)) {
            System.err.println("Candor is already running (pid " + Files.readString(pidFile).trim() + "); use ./candor down");
            System.exit(1);
        }
        Files.createDirectories(stateDir);
        Suite suite = new Suite(root, stateDir, ports);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Candor ...");
            suite.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // Nothing left to clean up.
            }
            System.out.println("Stopped. Data is kept in " + stateDir.resolve("data"));
            stopped.countDown();
        }, "candor-shutdown"));
        Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));

        long start = System.nanoTime();
        System.out.println("Starting Kafka, PostgreSQL, SMTP and the SMS gateway stubs ...");
        suite.startInfrastructure();
        System.out.println("Starting the five services ...");
        suite.startServices(ServiceSpec.ALL);
        printSummary(suite, Duration.ofNanos(System.nanoTime() - start));
        if (runDemo) {
            Map<String, String> urls = new LinkedHashMap<>();
            suite.services().forEach(service -> urls.put(service.spec().name(), service.baseUrl()));
            demo(suite.jwt(), urls);
        }
        System.out.println("\nPress Ctrl-C (or run ./candor down) to stop.");
        stopped.await();
    }

    private static void printSummary(Suite suite, Duration elapsed) {
        System.out.printf("%nCandor is up (%.1f s).%n%n", elapsed.toMillis() / 1000.0);
        System.out.printf("%-22s %-24s %-24s %-9s %-8s %s%n", "service", "url", "management", "start", "rss", "log");
        for (ServiceProcess service : suite.services()) {
            System.out.printf("%-22s %-24s %-24s %-9s %-8s %s%n", service.spec().name(), service.baseUrl(),
                    service.managementUrl(),
                    String.format("%.1f s", service.startupTime().toMillis() / 1000.0),
                    service.residentMemoryMiB() + " MiB", service.logFile());
        }
        System.out.println();
        System.out.println("Swagger UI:       <management>/q/swagger-ui   Health: <management>/q/health   Metrics: <management>/q/metrics");
        System.out.println("Kafka:            " + suite.kafkaBootstrapServers());
        System.out.println("PostgreSQL:       127.0.0.1:" + suite.postgresPort() + " (one database and role per service)");
        System.out.println("SMTP (GreenMail): 127.0.0.1:" + suite.ports().smtp() + ", read mail over IMAP at 127.0.0.1:"
                + suite.ports().imap());
        System.out.println("SMS gateway stub: " + suite.smsPrimaryUrl() + " (primary), " + suite.smsSecondaryUrl()
                + " (secondary); received requests at /__admin/requests");
        System.out.println("State and logs:   " + suite.stateDir());
        System.out.println("\nEmails are DKIM-signed (RSA-2048, key in " + suite.stateDir().resolve("keys")
                + "); the DNS record the sender's domain would need:");
        System.out.println(suite.dkimRecord());
        System.out.println("\nStaff token (all roles, 8 hours; ./candor token <role> for one role):");
        System.out.println(suite.jwt().token("local-staff", Duration.ofHours(8), allRoles()));
    }

    private static void demo(JwtIssuer jwt, Map<String, String> urls) throws Exception {
        System.out.println("\nDemo: declaring an incident on incident-service ...");
        Demo.Result result = new Demo(jwt, urls).run(Duration.ofSeconds(30));
        System.out.println("Incident " + result.incidentId() + " declared.");
        for (String service : Demo.READER_ROLE.keySet().stream().sorted().toList()) {
            Duration arrival = result.arrivals().get(service);
            System.out.printf("  %-22s %s%n", service, arrival == null ? "NOT ARRIVED within 30 s"
                    : "recorded after " + arrival.toMillis() + " ms (GET " + urls.get(service) + "/api/incidents/"
                            + result.incidentId() + ")");
        }
        if (result.arrivals().size() < Demo.READER_ROLE.size()) {
            throw new IllegalStateException("The incident did not reach every service");
        }
        new Demo(jwt, urls).tellDemoCustomers(result.incidentId());
        System.out.println("\nBreach notice sent to three demo customers. Try it as they would:");
        System.out.println("  their mail:   ./candor mail " + String.join(" | ./candor mail ", Demo.demoCustomerEmails()));
        System.out.println("  status page:  " + urls.get("incident-service") + "/status");
        System.out.println("  live chat:    " + urls.get("support-service") + "/widget/ (verify as "
                + Demo.demoCustomerEmails().get(0) + "; the code arrives in their mail)");
        System.out.println("  their texts:  " + "http://127.0.0.1:" + Suite.Ports.defaults().smsPrimary()
                + "/__admin/requests (SMS gateway stub)");
    }

    private static Map<String, String> defaultUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(spec -> urls.put(spec.name(), "http://127.0.0.1:" + spec.defaultPort()));
        return urls;
    }

    private static void down(Path stateDir) throws Exception {
        Path pidFile = stateDir.resolve("candor.pid");
        if (!Files.exists(pidFile)) {
            System.out.println("Candor is not running.");
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            Files.deleteIfExists(pidFile);
            System.out.println("Candor is not running.");
            return;
        }
        handle.get().destroy();
        handle.get().onExit().get(90, TimeUnit.SECONDS);
        System.out.println("Candor stopped.");
    }

    private static String[] allRoles() {
        return new String[] {"incident-commander", "support-agent", "support-supervisor", "compliance-officer",
                "analyst"};
    }
}
