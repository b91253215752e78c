package org.candor.compliance.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A regime catalogue version this service applied, with its files and what applying it changed. */
@Entity
@Table(name = "catalogue_version")
public class CatalogueVersion extends PanacheEntityBase {

    @Id
    public String version;

    @Column(name = "calendars_version", nullable = false)
    public String calendarsVersion;

    /** SHA-256 over both files: one version string names one content. */
    @Column(nullable = false)
    public String sha256;

    /** Where it was read from (a file path or the bundled classpath resource). */
    @Column(nullable = false)
    public String source;

    @Column(name = "regimes_json", nullable = false)
    public String regimesJson;

    @Column(name = "calendars_json", nullable = false)
    public String calendarsJson;

    @Column(nullable = false)
    public int regimes;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** One entry per obligation the version changed (see {@code ObligationService.CatalogueChange}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Map<String, Object>> changes;

    /** The version applied last, the one a broken file at start falls back to. */
    public static Optional<CatalogueVersion> latest() {
        return CatalogueVersion.<CatalogueVersion>find("order by recordedAt desc").firstResultOptional();
    }
}
