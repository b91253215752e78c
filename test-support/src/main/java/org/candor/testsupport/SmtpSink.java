package org.candor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Postfix's {@code smtp-sink}, a real SMTP server that offers PIPELINING and can be told to refuse or
 * drop given commands, running on loopback. It comes from Debian's postfix package, unpacked, not
 * installed: {@code apt-get download postfix && dpkg -x postfix_*.deb $CANDOR_POSTFIX_DIR/root}
 * (default {@code /tmp/candor-postfix}; {@code .ci/run} does it). Where it is missing the test is
 * skipped, unless {@code CANDOR_REQUIRE_SMTP_SINK=true} (as in CI), where it fails.
 */
public final class SmtpSink implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("CANDOR_POSTFIX_DIR",
            System.getProperty("java.io.tmpdir") + "/candor-postfix"), "root");
    private static final Pattern RECIPIENT = Pattern.compile("^X-Rcpt-Args: <([^>]*)>", Pattern.MULTILINE);

    private final Process process;
    private final Path directory;
    private final Path dump;
    private final int port;

    private SmtpSink(Process process, Path directory, Path dump, int port) {
        this.process = process;
        this.directory = directory;
        this.dump = dump;
        this.port = port;
    }

    /**
     * Starts a sink; {@code options} are smtp-sink's own, e.g. {@code "-f", "RCPT"} to refuse every
     * recipient with a 5xx reply or {@code "-q", "DATA"} to hang up on DATA.
     */
    public static SmtpSink start(String... options) {
        Path binary = ROOT.resolve("usr/sbin/smtp-sink");
        boolean installed = Files.isExecutable(binary);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CANDOR_REQUIRE_SMTP_SINK"))) {
            throw new IllegalStateException("smtp-sink is required but missing under " + ROOT);
        }
        Assumptions.assumeTrue(installed, "smtp-sink not unpacked under " + ROOT);
        try {
            Path directory = Files.createTempDirectory("candor-smtp-sink");
            Path dump = directory.resolve("messages");
            int port = FreePorts.next();
            List<String> command = new ArrayList<>(List.of(binary.toString(), "-u", "root", "-D", dump.toString()));
            command.addAll(List.of(options));
            command.addAll(List.of("127.0.0.1:" + port, "64"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("log").toFile());
            builder.environment().put("LD_LIBRARY_PATH", ROOT.resolve("usr/lib/postfix").toString());
            Process process = builder.start();
            SmtpSink sink = new SmtpSink(process, directory, dump, port);
            sink.awaitListening();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("smtp-sink did not start");
    }

    public int port() {
        return port;
    }

    /** The envelope recipient of every message the sink accepted, in order of arrival. */
    public List<String> recipients() {
        try {
            if (!Files.exists(dump)) {
                return List.of();
            }
            Matcher matcher = RECIPIENT.matcher(Files.readString(dump, StandardCharsets.ISO_8859_1));
            List<String> recipients = new ArrayList<>();
            while (matcher.find()) {
                recipients.add(matcher.group(1));
            }
            return recipients;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw dump of all messages (headers smtp-sink adds, then each message as received). */
    public String dump() {
        try {
            return Files.exists(dump) ? Files.readString(dump, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory; the OS cleans up what is left.
        }
    }
}
