package org.candor.local.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends GET requests at a fixed rate whatever the server does, and counts
 * each request's latency from the moment it was due, so that a server falling behind shows in the figures
 * instead of slowing the generator down (no coordinated omission).
 *
 * <p>The requests are spread over a fixed set of keep-alive connections (one thread each, plain HTTP/1.1 over a
 * socket), as a CDN or a reverse proxy in front of the service would send them: request {@code i} is due at
 * {@code start + i / rate} and goes out on connection {@code i % connections}. A connection that is behind sends
 * at once, and the wait counts in that request's latency. The JDK's HTTP client opened a connection per waiting
 * request and could not itself keep up with 5,000 requests/s on two shared cores.
 */
final class FixedRateLoad {

    record Result(double achieved, double p50, double p99, double max, long errors) {
    }

    private static final int MAX_CONNECTIONS = 64;

    private FixedRateLoad() {
    }

    static Result run(URI uri, int rate, Duration duration) throws InterruptedException {
        int total = (int) (rate * duration.toSeconds());
        int connections = Math.max(4, Math.min(MAX_CONNECTIONS, rate / 100));
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        byte[] request = ("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept-Language: de-DE,de;q=0.9,en;q=0.5\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c;
            Thread thread = new Thread(() -> {
                Connection connection = null;
                for (int i = first; i < total; i += connections) {
                    long due = start + i * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean ok;
                    try {
                        if (connection == null) {
                            connection = new Connection(uri);
                        }
                        ok = connection.get(request) == 200;
                    } catch (IOException e) {
                        ok = false;
                        connection = Connection.close(connection);
                    }
                    latencies[i] = System.nanoTime() - due;
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                Connection.close(connection);
            }, "fixed-rate-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(total / elapsed, millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                errors.get());
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** One keep-alive HTTP/1.1 connection that reads whole responses (Content-Length or chunked). */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        static Connection close(Connection connection) {
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException ignored) {
                    // Already gone.
                }
            }
            return null;
        }

        /** Sends the request and reads the whole response; returns its status code. */
        int get(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // Trailers.
                }
            } else if (length > 0) {
                skip(length);
            }
            return status;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in the body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
