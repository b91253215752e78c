package org.candor.feedback.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One immutable version of a survey's content. */
@Entity
@Table(name = "survey_version")
@IdClass(SurveyVersion.Key.class)
public class SurveyVersion extends PanacheEntityBase {

    @Id
    @Column(name = "survey_id")
    public UUID surveyId;

    @Id
    public int version;

    /** A {@link SurveyDefinition} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID surveyId;
        public int version;

        public Key() {
        }

        public Key(UUID surveyId, int version) {
            this.surveyId = surveyId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && Objects.equals(key.surveyId, surveyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(surveyId, version);
        }
    }
}
