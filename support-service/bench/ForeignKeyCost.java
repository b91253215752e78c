import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.candor.testsupport.InProcessPostgres;
import org.candor.testsupport.ProcessCpu;
import org.candor.testsupport.TemporaryDirectories;

/**
 * What a foreign key to a small, hot table costs each insert: 8 connections insert rows that name one of
 * two queues, each in a transaction of its own, into a table with such a key and into one without, and the
 * run prints the time and PostgreSQL's CPU per insert (backends and postmaster, from {@code /proc}). This is
 * why V8 dropped the key from tickets to their queue.
 *
 * <p>Usage (test-support's classpath, see the service's README): {@code java -cp <classpath>
 * support-service/bench/ForeignKeyCost.java [inserts (30000)]}.
 */
public class ForeignKeyCost {

    private static final int CONNECTIONS = 8;

    public static void main(String[] args) throws Exception {
        int inserts = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Path directory = TemporaryDirectories.create("candor-fk-cost");
        try (InProcessPostgres postgres = InProcessPostgres.start(directory.resolve("postgres"), 0)) {
            String url = postgres.adminJdbcUrl();
            try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table queue (code varchar(64) primary key)");
                statement.execute("insert into queue values ('general'), ('breach-hotline')");
                statement.execute("create table with_key (id uuid primary key,"
                        + " queue varchar(64) not null references queue (code), subject text)");
                statement.execute("create table without_key (id uuid primary key, queue varchar(64) not null, subject text)");
            }
            long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("postgres/postmaster.pid")).get(0).trim());
            for (int round = 1; round <= 3; round++) {
                for (String table : List.of("with_key", "without_key")) {
                    insert(url, table, inserts / 8);
                    long cpuBefore = ProcessCpu.postgresTicks(postmaster);
                    long start = System.nanoTime();
                    insert(url, table, inserts);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    double cpuMicros = (ProcessCpu.postgresTicks(postmaster) - cpuBefore) * 10_000.0 / inserts;
                    System.out.printf("round %d %-12s %d inserts over %d connections: %5d ms, PostgreSQL CPU %6.1f us per insert%n",
                            round, table, inserts, CONNECTIONS, millis, cpuMicros);
                }
            }
        }
        System.exit(0);
    }

    private static void insert(String url, String table, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> connections = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            connections.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                        PreparedStatement insert = connection.prepareStatement("insert into " + table + " values (?, ?, 'x')")) {
                    connection.setAutoCommit(false);
                    for (int i = 0; i < count / CONNECTIONS; i++) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, i % 2 == 0 ? "general" : "breach-hotline");
                        insert.executeUpdate();
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> connection : connections) {
            connection.get();
        }
        pool.shutdown();
    }
}
