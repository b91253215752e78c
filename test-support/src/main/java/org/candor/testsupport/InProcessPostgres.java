package org.candor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (binaries from Maven Central) started by this JVM, for machines without
 * a Docker engine. Its data directory survives a restart when it is kept.
 */
public final class InProcessPostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private InProcessPostgres(Path dataDir, int port, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on 127.0.0.1:{@code port} (0 picks a free port), keeping data in {@code dataDir}. */
    public static InProcessPostgres start(Path dataDir, int port) {
        int chosen = port == 0 ? FreePorts.next() : port;
        return new InProcessPostgres(dataDir, chosen, launch(dataDir, chosen));
    }

    /**
     * Stops the server as an operator or a failover would (a fast shutdown: open sessions are
     * terminated, committed data stays), for tests of what happens while the database is away.
     */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and with the same data. */
    public synchronized void startAgain() {
        if (postgres == null) {
            postgres = launch(dataDir, port);
        }
    }

    /** Whether the server is running (it is, unless {@link #stop()} was called without {@link #startAgain()}). */
    public synchronized boolean running() {
        return postgres != null;
    }

    private static EmbeddedPostgres launch(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            // Benchmarks can ask where the database's time goes (-Dcandor.postgres.statements=true).
            if (Boolean.getBoolean("candor.postgres.statements")) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    // Room for bulk imports: fewer checkpoints and a larger buffer cache than the defaults.
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL for the server's administrative database. */
    public String adminJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }
}
