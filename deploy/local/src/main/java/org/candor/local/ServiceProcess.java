package org.candor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Quarkus service running as its own operating-system process. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Process process;
    private final Instant startedAt;
    private Duration startupTime;

    private ServiceProcess(ServiceSpec spec, int port, int managementPort, Path logFile, Process process,
            Instant startedAt) {
        this.spec = spec;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
        this.startedAt = startedAt;
    }

    /**
     * Starts {@code runner} (a {@code quarkus-run.jar}) with {@code environment}, logging to {@code logFile}: its
     * APIs and pages on {@code port}, health, metrics and OpenAPI on {@code managementPort}.
     */
    public static ServiceProcess start(ServiceSpec spec, Path runner, int port, int managementPort,
            Map<String, String> environment, Path logFile) {
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner + " is missing: build the services first (./mvnw install -DskipTests)");
        }
        try {
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                    "-jar", runner.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            Instant startedAt = Instant.now();
            return new ServiceProcess(spec, port, managementPort, logFile, builder.start(), startedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the readiness check answers UP; fails if the process exits or {@code timeout} passes. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + "; see " + logFile);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startupTime = Duration.between(startedAt, Instant.now());
                    return this;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + spec.name(), e);
            }
            sleep(200);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout + "; see " + logFile);
    }

    /** Asks the service to shut down gracefully, and kills it if it has not within 20 seconds. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident memory of the process in MiB, read from /proc; -1 where that is not available. */
    public long residentMemoryMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: {@code /q/health}, {@code /q/metrics}, {@code /q/openapi}, {@code /q/swagger-ui}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
