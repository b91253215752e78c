package org.candor.support.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.support.OfferGranted;
import org.candor.platform.outbox.Outbox;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.domain.AssistanceOffer;

import io.quarkus.logging.Log;

/**
 * Assistance offers: a pool of activation codes per offer, and exactly one code per eligible customer,
 * also when several requests for the same customer or the last codes arrive at once.
 */
@ApplicationScoped
public class OfferService {

    /** A customer's code. {@code created} is false when the customer had it already. */
    public record Grant(UUID grantId, UUID offerId, String customerId, Instant grantedAt, boolean created) {
    }

    /** How the pool and the take-up stand. */
    public record OfferStats(long codes, long granted, long available, long activated) {
    }

    private static final int MAX_CODE_LENGTH = 100;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Notifications notifications;
    private final KnownIncidentService incidents;
    private final Clock clock;

    OfferService(EntityManager entityManager, Outbox outbox, Notifications notifications, KnownIncidentService incidents,
            Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.notifications = notifications;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Transactional
    public AssistanceOffer create(UUID incidentId, String kind, String name, String provider, int validMonths,
            String activationUrl) {
        if (incidents.find(incidentId).isEmpty()) {
            throw Problems.invalid("incidentId", "no incident " + incidentId + " is known to support");
        }
        AssistanceOffer offer = new AssistanceOffer();
        offer.id = UUID.randomUUID();
        offer.incidentId = incidentId;
        offer.kind = kind;
        offer.name = name;
        offer.provider = provider;
        offer.validMonths = validMonths;
        offer.activationUrl = activationUrl;
        offer.createdAt = clock.instant();
        offer.persist();
        return offer;
    }

    public AssistanceOffer get(UUID id) {
        return AssistanceOffer.<AssistanceOffer>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No offer " + id));
    }

    public List<AssistanceOffer> list(UUID incidentId) {
        return incidentId == null ? AssistanceOffer.<AssistanceOffer>find("order by createdAt").list()
                : AssistanceOffer.<AssistanceOffer>find("incidentId = ?1 order by createdAt", incidentId).list();
    }

    /**
     * Adds the provider's codes from CSV with a {@code code} column. Every line is checked first; one
     * bad line (empty, too long, repeated, already in the pool) rejects the whole file, naming the line.
     */
    @Transactional
    public int importCodes(UUID offerId, String csv) {
        get(offerId);
        List<String> lines = lines(csv);
        if (lines.isEmpty()) {
            throw csvProblem(1, "the file is empty; expected a header line with a 'code' column");
        }
        String[] header = lines.get(0).split(",", -1);
        int column = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().replace("\"", "").equalsIgnoreCase("code")) {
                column = i;
            }
        }
        if (column < 0) {
            throw csvProblem(1, "the header has no 'code' column");
        }
        Map<String, Long> seen = new HashMap<>();
        List<String> codes = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            long lineNumber = i + 1L;
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String code = column < cells.length ? cells[column].trim().replace("\"", "") : "";
            if (code.isEmpty()) {
                errors.add(new Problem.FieldError("code", lineNumber, "is empty"));
            } else if (code.length() > MAX_CODE_LENGTH) {
                errors.add(new Problem.FieldError("code", lineNumber, "is longer than " + MAX_CODE_LENGTH + " characters"));
            } else if (code.chars().anyMatch(Character::isISOControl)) {
                errors.add(new Problem.FieldError("code", lineNumber, "must be one line without control characters"));
            } else if (seen.containsKey(code)) {
                errors.add(new Problem.FieldError("code", lineNumber, "repeats line " + seen.get(code)));
            } else {
                seen.put(code, lineNumber);
                codes.add(code);
            }
        }
        if (!codes.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> existing = entityManager.createNativeQuery(
                    "select code from activation_code where offer_id = :offer and code = any(cast(:codes as text[]))")
                    .setParameter("offer", offerId)
                    .setParameter("codes", codes.toArray(String[]::new))
                    .getResultList();
            existing.forEach(code -> errors.add(new Problem.FieldError("code", seen.get(code), "is already in the pool")));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(Problem.FieldError::line));
            throw new ProblemException(Problem.invalid("The CSV has invalid lines; nothing was imported", errors));
        }
        Instant now = clock.instant();
        for (int from = 0; from < codes.size(); from += 1000) {
            List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 1000));
            entityManager.createNativeQuery("""
                    insert into activation_code (offer_id, code, imported_at)
                    select :offer, unnest(cast(:codes as text[])), :now""")
                    .setParameter("offer", offerId)
                    .setParameter("codes", chunk.toArray(String[]::new))
                    .setParameter("now", now)
                    .executeUpdate();
        }
        Log.infof("Imported %d activation codes into offer %s", codes.size(), offerId);
        return codes.size();
    }

    /**
     * Gives the customer one code of the offer, or the one they have. Requests for the same customer
     * queue on a transaction-scoped advisory lock; requests for different customers take different
     * free codes because each skips the code rows others have locked.
     */
    @Transactional
    public Grant grant(UUID offerId, String customerId, String actor) {
        AssistanceOffer offer = get(offerId);
        boolean eligible = ((Number) entityManager.createNativeQuery(
                "select count(*) from affected_customer where incident_id = :incident and customer_id = :customer")
                .setParameter("incident", offer.incidentId)
                .setParameter("customer", customerId)
                .getSingleResult()).longValue() > 0;
        if (!eligible) {
            throw Problems.conflict("customerId", "the customer is not known as affected by the offer's incident");
        }
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "offer-grant:" + offerId + ":" + customerId)
                .getSingleResult();
        Optional<Grant> existing = existingGrant(offerId, customerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> free = entityManager.createNativeQuery("""
                select id, code from activation_code
                where offer_id = :offer and customer_id is null
                order by id limit 1
                for update skip locked""")
                .setParameter("offer", offerId)
                .getResultList();
        if (free.isEmpty()) {
            throw Problems.conflict("offerId", "the offer has no activation codes left");
        }
        long codeId = ((Number) free.get(0)[0]).longValue();
        String code = (String) free.get(0)[1];
        Instant now = clock.instant();
        UUID grantId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                update activation_code set customer_id = :customer, grant_id = :grant, granted_at = :now
                where id = :id""")
                .setParameter("customer", customerId)
                .setParameter("grant", grantId)
                .setParameter("now", now)
                .setParameter("id", codeId)
                .executeUpdate();
        outbox.record(new OfferGranted(grantId, offerId, offer.incidentId, offer.kind, customerId, now), now);
        String locale = customerLocale(offer.incidentId, customerId);
        notifications.toCustomer("support:offer-code:" + grantId, "assistance-offer-code", offer.incidentId, customerId,
                locale, codeParameters(offer, code), false, now);
        Log.infof("Granted offer %s (grant %s) by %s", offerId, grantId, actor);
        return new Grant(grantId, offerId, customerId, now, true);
    }

    /**
     * The provider reports that a code was activated: take-up. The first report is kept with who recorded it
     * (the redemption's audit); a repeated report changes nothing.
     */
    @Transactional
    public void recordActivation(UUID offerId, String code, String actor) {
        get(offerId);
        @SuppressWarnings("unchecked")
        List<Object> grants = entityManager.createNativeQuery("""
                update activation_code set activated_at = coalesce(activated_at, :now),
                    activated_by = coalesce(activated_by, :actor)
                where offer_id = :offer and code = :code and customer_id is not null
                returning grant_id""")
                .setParameter("now", clock.instant())
                .setParameter("actor", actor)
                .setParameter("offer", offerId)
                .setParameter("code", code)
                .getResultList();
        if (grants.isEmpty()) {
            throw Problems.invalid("code", "no code of this offer by that value has been granted");
        }
        Log.infof("Activation of grant %s of offer %s recorded by %s", grants.get(0), offerId, actor);
    }

    public OfferStats stats(UUID offerId) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select count(*), count(customer_id), count(*) - count(customer_id), count(activated_at)
                from activation_code where offer_id = :offer""")
                .setParameter("offer", offerId)
                .getSingleResult();
        return new OfferStats(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue());
    }

    public Optional<Grant> existingGrant(UUID offerId, String customerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select grant_id, granted_at from activation_code where offer_id = :offer and customer_id = :customer")
                .setParameter("offer", offerId)
                .setParameter("customer", customerId)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Grant((UUID) row[0], offerId, customerId, toInstant(row[1]), false));
    }

    private String customerLocale(UUID incidentId, String customerId) {
        @SuppressWarnings("unchecked")
        List<String> locales = entityManager.createNativeQuery(
                "select locale from affected_customer where incident_id = :incident and customer_id = :customer")
                .setParameter("incident", incidentId)
                .setParameter("customer", customerId)
                .getResultList();
        return locales.isEmpty() ? "en" : locales.get(0);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static List<String> lines(String csv) {
        try (BufferedReader reader = new BufferedReader(new StringReader(csv == null ? "" : csv.replace("\uFEFF", "")))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException csvProblem(long line, String message) {
        return new ProblemException(Problem.invalid("The CSV cannot be imported",
                List.of(new Problem.FieldError(null, line, message))));
    }

    /** What the code's email says: the offer, the code and where it is activated (when the offer names the page). */
    static Map<String, String> codeParameters(AssistanceOffer offer, String code) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("offerName", offer.name, "provider", offer.provider,
                "activationCode", code, "validMonths", String.valueOf(offer.validMonths)));
        if (offer.activationUrl != null) {
            parameters.put("activationUrl", offer.activationUrl);
        }
        return parameters;
    }
}
