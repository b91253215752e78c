package org.candor.notification.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person this service may write to: an affected customer or a public subscriber. Holds contact details. */
@Entity
@Table(name = "recipient")
public class Recipient extends PanacheEntityBase {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String SUBSCRIBER = "SUBSCRIBER";
    public static final String SUBSCRIBER_PREFIX = "subscriber:";

    @Id
    public String id;

    @Column(nullable = false)
    public String kind;

    public String name;

    public String email;

    public String phone;

    @Column(nullable = false)
    public String locale;

    public String country;

    public String region;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "email_opt_out", nullable = false)
    public boolean emailOptOut;

    @Column(name = "sms_opt_out", nullable = false)
    public boolean smsOptOut;

    /** A subscriber's signed unsubscribe link; every message to them carries it. */
    @Column(name = "unsubscribe_url")
    public String unsubscribeUrl;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static String subscriberId(String subscriberId) {
        return SUBSCRIBER_PREFIX + subscriberId;
    }
}
