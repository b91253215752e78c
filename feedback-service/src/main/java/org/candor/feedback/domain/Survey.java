package org.candor.feedback.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A survey; its content lives in numbered, immutable versions. */
@Entity
@Table(name = "survey")
public class Survey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    /** Answers keep no link to the person, only segment attributes. */
    @Column(nullable = false)
    public boolean anonymous;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The newest survey for a purpose: the one triggers send. */
    public static Optional<Survey> newestFor(Purpose purpose) {
        return Survey.<Survey>find("purpose = ?1 order by createdAt desc", purpose).firstResultOptional();
    }
}
