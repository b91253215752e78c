import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.JwtIssuer;

/**
 * Starts real Kafka and PostgreSQL in this process (the same in-process servers the tests use),
 * creates an empty database and a JWT key pair, writes what support-service needs to connect into
 * {@code <dir>/env}, then stays up until killed. With {@code seed <jdbcUrl> <count>} it instead fills
 * an already migrated database with tickets. With {@code statements reset|report <jdbcUrl>} (PostgreSQL
 * started with {@code -Dcandor.postgres.statements=true}) it clears, or prints, where the database's
 * time went by statement.
 */
public class BenchEnvironment {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("seed")) {
            seed(args[1], Integer.parseInt(args[2]));
            return;
        }
        if (args[0].equals("statements")) {
            statements(args[2], args[1].equals("report"));
            return;
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Infrastructure infrastructure = Infrastructure.get();
        Infrastructure.Database database = infrastructure.createDatabase("candor_bench");
        JwtIssuer issuer = JwtIssuer.inDirectory(dir.resolve("keys"));
        String token = issuer.token("bench-agent", Duration.ofHours(4), "support-agent", "support-supervisor");
        Files.writeString(dir.resolve("env"), String.join("\n",
                "KAFKA_BOOTSTRAP_SERVERS=" + infrastructure.kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL=" + database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME=" + database.username(),
                "QUARKUS_DATASOURCE_PASSWORD=" + database.password(),
                "CANDOR_JWT_PUBLIC_KEY_LOCATION=" + issuer.publicKeyFile().toUri(),
                "CANDOR_JWT_ISSUER=" + JwtIssuer.ISSUER,
                "CANDOR_JWT_AUDIENCE=" + JwtIssuer.AUDIENCE,
                "CANDOR_SUPPORT_VERIFICATION_SECRET=" + org.candor.testsupport.LocalSettings.randomSecret(),
                "BENCH_TOKEN=" + token, ""));
        System.out.println("ready");
        Thread.currentThread().join();
    }

    /** Tickets spread over queues, channels, statuses and two years, as after a large breach. */
    private static void seed(String jdbcUrl, int count) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into ticket (id, channel, status, priority, queue, subject, customer_id, locale, created_at,
                                        updated_at, resolved_at, closed_at, first_responded_at, sla_breached)
                    select gen_random_uuid(),
                           (array['HOTLINE','CHAT','EMAIL','WEB'])[1 + i % 4],
                           (array['CLOSED','CLOSED','CLOSED','RESOLVED','RESOLVED','OPEN','PENDING_CUSTOMER','NEW'])[1 + i % 8],
                           (array['LOW','NORMAL','NORMAL','HIGH','URGENT'])[1 + i % 5],
                           (array['general','breach-hotline'])[1 + i % 2],
                           'Seeded question ' || i,
                           'C-' || (i % 400000),
                           (array['en','de','fr'])[1 + i % 3],
                           now() - make_interval(secs => (COUNT - i) * 60),
                           now() - make_interval(secs => (COUNT - i) * 60),
                           null, null, null, i % 10 = 0
                    from generate_series(1, COUNT) as i""".replace("COUNT", String.valueOf(count)));
            statement.execute("analyze ticket");
        }
    }

    private static void statements(String jdbcUrl, boolean report) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            if (!report) {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.execute("select pg_stat_statements_reset()");
                return;
            }
            System.out.println("Database time by statement (pg_stat_statements, top 15):");
            try (java.sql.ResultSet row = statement.executeQuery("""
                    select round(total_exec_time::numeric / 1000, 2), calls, rows,
                           round((total_exec_time / greatest(calls, 1))::numeric * 1000, 1),
                           left(regexp_replace(query, '\\s+', ' ', 'g'), 140)
                    from pg_stat_statements order by total_exec_time desc limit 15""")) {
                while (row.next()) {
                    System.out.printf("  %7.2f s %8d calls %9d rows %7.1f us/call  %s%n", row.getDouble(1), row.getLong(2),
                            row.getLong(3), row.getDouble(4), row.getString(5));
                }
            }
        }
    }
}
