package org.candor.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.candor.local.PublicSubscriptions;
import org.candor.local.ServiceSpec;
import org.candor.local.Suite;

/**
 * With the system otherwise idle, how long a public status update takes from the incident commander's
 * publish to the subscriber's mailbox: incident-service, Kafka, notification-service, SMTP. In the same
 * run, the floor: handing one email straight to the same SMTP server.
 *
 * <p>Run with {@code bench/public-update-latency [updates]} (default 100).
 */
public final class PublicUpdateLatencyBenchmark {

    private PublicUpdateLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path root = Path.of(System.getProperty("candor.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("candor-latency-bench");
        try (Suite suite = new Suite(root, work, Suite.Ports.free()).startInfrastructure()
                .startServices(List.of(ServiceSpec.named("incident-service"), ServiceSpec.named("notification-service")))) {
            List<Long> floor = smtpFloor(suite, 100);
            System.out.printf("Floor: one email straight to the SMTP server until it is in the mailbox: p50 %d ms, p99 %d ms%n",
                    percentile(floor, 50), percentile(floor, 99));

            PublicSubscriptions status = new PublicSubscriptions(suite);
            String email = "subscriber-" + UUID.randomUUID() + "@example.org";
            status.subscribe(email);
            status.confirmFromMail(email, Duration.ofSeconds(60));
            status.awaitKnownToNotificationService(email, Duration.ofSeconds(60));
            String incidentId = status.declareIncident();

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                int before = status.mailTo(email).size();
                long start = System.nanoTime();
                if (status.publishPublicUpdate(incidentId, "Update " + (i + 1) + ": we are still investigating.") != 201) {
                    throw new IllegalStateException("Publishing update " + (i + 1) + " failed");
                }
                status.awaitMail(email, before + 1, Duration.ofSeconds(60));
                latencies.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(500); // one update at a time on an otherwise idle system
            }
            System.out.printf("Public update -> subscriber's mailbox over %d updates: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms"
                    + " (target: p99 under 2,000 ms)%n", updates, percentile(latencies, 50), percentile(latencies, 95),
                    percentile(latencies, 99), Collections.max(latencies));
        }
    }

    /** Sends emails one by one straight to the suite's SMTP server and measures until each is in the mailbox. */
    private static List<Long> smtpFloor(Suite suite, int count) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(suite.ports().smtp()));
        Session session = Session.getInstance(props);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int before = suite.mail().getReceivedMessages().length;
            long start = System.nanoTime();
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("floor@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("floor@example.org"));
            message.setSubject("floor " + i);
            message.setText("floor");
            Transport.send(message);
            while (suite.mail().getReceivedMessages().length <= before) {
                Thread.onSpinWait();
            }
            latencies.add((System.nanoTime() - start) / 1_000_000);
        }
        return latencies;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
