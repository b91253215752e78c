import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.JwtIssuer;
import org.candor.testsupport.LocalSettings;

/**
 * Starts real Kafka and PostgreSQL in this process (the same in-process servers the tests use), creates an
 * empty database and a JWT key pair, writes what compliance-service needs to connect into {@code <dir>/env}
 * with a compliance officer's token, then stays up until killed.
 */
public class BenchEnvironment {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Infrastructure infrastructure = Infrastructure.get();
        Infrastructure.Database database = infrastructure.createDatabase("candor_compliance_bench");
        JwtIssuer issuer = JwtIssuer.inDirectory(dir.resolve("keys"));
        String token = issuer.token("bench-officer", Duration.ofHours(4), "compliance-officer");
        Files.writeString(dir.resolve("env"), String.join("\n",
                "KAFKA_BOOTSTRAP_SERVERS=" + infrastructure.kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL=" + database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME=" + database.username(),
                "QUARKUS_DATASOURCE_PASSWORD=" + database.password(),
                "CANDOR_JWT_PUBLIC_KEY_LOCATION=" + issuer.publicKeyFile().toUri(),
                "CANDOR_JWT_ISSUER=" + JwtIssuer.ISSUER,
                "CANDOR_COMPLIANCE_AUDIT_SIGNING_KEY_LOCATION=" + LocalSettings.auditSigningKey(),
                "BENCH_TOKEN=" + token, ""));
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
