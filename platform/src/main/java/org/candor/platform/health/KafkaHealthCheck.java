package org.candor.platform.health;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.candor.platform.messaging.ConsumerRetry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;

/**
 * Kafka's state, in the health group {@code kafka} ({@code /q/health/group/kafka}) and as the gauge
 * {@code candor_kafka_up}, deliberately outside readiness and liveness: the HTTP surfaces need only
 * PostgreSQL (their events wait in the outbox while the broker is away), and restarting a service
 * does not bring a broker back. The check reports whether a broker answers, the connector's channels,
 * and the consumed records that wait for a retry in place.
 */
@HealthGroup(KafkaHealthCheck.GROUP)
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    /** The health group's name. */
    public static final String GROUP = "kafka";

    private static final long BROKER_TIMEOUT_MS = 3_000;

    private final Map<String, Object> adminConfig;
    private final Instance<HealthCenter> channels;
    private final ConsumerRetry retry;
    private final AtomicInteger up = new AtomicInteger();
    private volatile Admin admin;

    KafkaHealthCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Instance<HealthCenter> channels,
            ConsumerRetry retry, MeterRegistry registry) {
        this.adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "candor-health");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT_MS);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT_MS);
        this.channels = channels;
        this.retry = retry;
        registry.gauge("candor.kafka.up", up);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka");
        boolean healthy = true;
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) BROKER_TIMEOUT_MS))
                    .nodes().get(BROKER_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            response.withData("brokers", brokers);
            healthy = brokers > 0;
        } catch (Exception e) {
            response.withData("brokers", "unreachable: " + e.getClass().getSimpleName());
            healthy = false;
        }
        if (channels.isResolvable()) {
            HealthReport report = channels.get().getLiveness();
            for (HealthReport.ChannelInfo channel : report.getChannels()) {
                response.withData("channel " + channel.getChannel(), channel.isOk() ? "OK"
                        : "KO" + (channel.getMessage() == null ? "" : ": " + channel.getMessage()));
            }
            healthy &= report.isOk();
        }
        Map<String, Instant> waiting = retry.waiting();
        response.withData("records waiting for a retry", waiting.size());
        waiting.forEach((what, since) -> response.withData(what, "retrying since " + since));
        up.set(healthy ? 1 : 0);
        return response.status(healthy).build();
    }

    // Keeps the gauge current when nobody asks the health endpoint.
    @Scheduled(every = "15s", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshGauge() {
        call();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
