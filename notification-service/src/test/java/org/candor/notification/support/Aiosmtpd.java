package org.candor.notification.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.candor.testsupport.FreePorts;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code python3-aiosmtpd}, an SMTP server that offers SMTPUTF8 (RFC 6531) and 8BITMIME,
 * storing what it receives in a maildir. Where it is missing the test is skipped, unless
 * {@code CANDOR_REQUIRE_AIOSMTPD=true} (as in CI), where it fails.
 */
public final class Aiosmtpd implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final Path maildir;
    private final int port;

    private Aiosmtpd(Process process, Path maildir, int port) {
        this.process = process;
        this.maildir = maildir;
        this.port = port;
    }

    public static Aiosmtpd start() {
        boolean installed = Files.isExecutable(Path.of(PYTHON))
                && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/aiosmtpd"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CANDOR_REQUIRE_AIOSMTPD"))) {
            throw new IllegalStateException("python3-aiosmtpd is required but not installed");
        }
        Assumptions.assumeTrue(installed, "python3-aiosmtpd is not installed");
        try {
            Path maildir = Files.createTempDirectory("candor-aiosmtpd").resolve("mail");
            int port = FreePorts.next();
            Process process = new ProcessBuilder(PYTHON, "-m", "aiosmtpd", "-n", "--smtputf8", "-l", "127.0.0.1:" + port,
                    "-c", "aiosmtpd.handlers.Mailbox", maildir.toString()).redirectErrorStream(true)
                    .redirectOutput(maildir.getParent().resolve("log").toFile()).start();
            Aiosmtpd server = new Aiosmtpd(process, maildir, port);
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The messages received, as the maildir holds them (with the server's X-MailFrom and X-RcptTo lines). */
    public List<String> messages() {
        Path received = maildir.resolve("new");
        if (!Files.isDirectory(received)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(received)) {
            return files.map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
