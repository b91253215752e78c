package org.candor.platform.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.flyway.runtime.QuarkusFlywayResourceProvider;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Brings the platform's own tables and columns (outbox set-aside, dead letters) into the service's
 * database, with a schema history of their own ({@value #HISTORY_TABLE}), after the service's
 * migrations have run. Platform and service version their migrations independently, so a service's
 * next {@code V<n>__} never collides with the platform's. Runs before the messaging channels start.
 */
@ApplicationScoped
public class PlatformSchema {

    /** The platform's schema history table, next to the service's {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "candor_platform_schema_history";

    private static final String LOCATION = "db/candor-platform";

    /** The platform's migrations, in order; a new one is added here and as a file under {@value #LOCATION}. */
    private static final List<String> MIGRATIONS = List.of("V1__outbox_set_aside_and_dead_letters.sql");

    private final AgroalDataSource dataSource;

    PlatformSchema(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        Location location = new Location("classpath:" + LOCATION);
        List<LoadableResource> resources = MIGRATIONS.stream()
                .<LoadableResource>map(name -> new ClassPathResource(location, LOCATION + "/" + name, classLoader,
                        StandardCharsets.UTF_8))
                .toList();
        int applied = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(location)
                .resourceProvider(new QuarkusFlywayResourceProvider(resources))
                .javaMigrationClassProvider(() -> List.<Class<? extends JavaMigration>>of())
                // The service's own migrations ran first, so the schema is not empty: start the history at 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate()
                .migrationsExecuted;
        if (applied > 0) {
            Log.infof("Applied %d platform migration(s)", applied);
        }
    }
}
