package org.candor.incident.rest.publicpages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.candor.incident.config.IncidentConfig;
import org.candor.incident.service.publicstatus.OrganisationContacts;
import org.candor.incident.service.publicstatus.PublicIncident;
import org.candor.incident.service.publicstatus.PublicStatusService;
import org.candor.incident.service.publicstatus.PublicStatusVersion;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The status page, its feed and its JSON, rendered once per language and content version and served from
 * memory: a surge of readers costs no database query and no template rendering.
 *
 * <p>A copy is current while it was built from the version this replica last saw in the database
 * ({@link PublicStatusVersion}) and no change was committed here since. An out-of-date copy is rebuilt by
 * one request while the others wait for that same rebuild, for at most {@code status-page.rebuild-wait}: a
 * rebuild slower than that (PostgreSQL busy or unreachable) does not hold readers, who get the last good copy
 * meanwhile. When the rebuild fails (PostgreSQL down) the last good copy is served, and the rebuild is tried
 * again after {@code status-page.retry-after-failure}.
 * A copy older than {@code status-page.max-age} (incidents leave the page by time, too) is served once more
 * while it is rebuilt in the background.
 */
@ApplicationScoped
public class StatusPageCache {

    /** The three representations of the same content. */
    public enum Kind {
        PAGE("text/html;charset=utf-8"), FEED("application/atom+xml;charset=utf-8"), JSON("application/json;charset=utf-8");

        final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }
    }

    /** One rendered body with its entity tag (a digest of the body: the same on every replica). */
    public record Rendered(byte[] body, String etag, String contentType) {
    }

    private record Snapshot(long version, long localChanges, Instant builtAt, Map<Kind, Rendered> rendered) {
    }

    private final PublicStatusService status;
    private final OrganisationContacts contacts;
    private final PublicStatusVersion versions;
    private final IncidentConfig config;
    private final ObjectMapper json;
    private final Executor executor;
    private final Clock clock;
    private final ConcurrentMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Snapshot>> builds = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> failedAt = new ConcurrentHashMap<>();

    StatusPageCache(PublicStatusService status, OrganisationContacts contacts, PublicStatusVersion versions,
            IncidentConfig config, ObjectMapper json, Clock clock) {
        this.status = status;
        this.contacts = contacts;
        this.versions = versions;
        this.config = config;
        this.json = json;
        this.executor = Infrastructure.getDefaultWorkerPool();
        this.clock = clock;
    }

    /** The representation {@code kind} in {@code lang}: from memory when current, else after one rebuild. */
    public Uni<Rendered> get(String lang, Kind kind) {
        Snapshot snapshot = snapshots.get(lang);
        if (snapshot == null) {
            return Uni.createFrom().completionStage(() -> rebuild(lang).copy()).map(built -> built.rendered().get(kind))
                    .onFailure().transform(StatusPageCache::unavailable);
        }
        if (!outdated(snapshot)) {
            if (Duration.between(snapshot.builtAt(), Instant.now(clock)).compareTo(config.statusPage().maxAge()) > 0) {
                rebuild(lang);
            }
            return Uni.createFrom().item(snapshot.rendered().get(kind));
        }
        Instant failed = failedAt.get(lang);
        if (failed != null && Instant.now(clock).isBefore(failed.plus(config.statusPage().retryAfterFailure()))) {
            return Uni.createFrom().item(snapshot.rendered().get(kind));
        }
        return Uni.createFrom().completionStage(() -> rebuild(lang).copy()).map(built -> built.rendered().get(kind))
                .ifNoItem().after(config.statusPage().rebuildWait()).recoverWithItem(() -> current(lang, kind))
                .onFailure().recoverWithItem(() -> current(lang, kind));
    }

    private Rendered current(String lang, Kind kind) {
        return snapshots.get(lang).rendered().get(kind);
    }

    private boolean outdated(Snapshot snapshot) {
        return snapshot.version() < versions.known() || snapshot.localChanges() != versions.localChanges();
    }

    /**
     * Starts a rebuild of {@code lang} unless one is running, and returns the running one. Readers wait on a
     * {@code copy()} of it: one who gives up (a closed connection cancels its wait) must not cancel the rebuild for
     * the others.
     */
    private CompletableFuture<Snapshot> rebuild(String lang) {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = builds.putIfAbsent(lang, mine);
        if (running != null) {
            return running;
        }
        executor.execute(() -> {
            try {
                Snapshot built = build(lang);
                snapshots.merge(lang, built, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
                failedAt.remove(lang);
                mine.complete(built);
            } catch (RuntimeException e) {
                failedAt.put(lang, Instant.now(clock));
                Log.warnf("The status page (%s) could not be rebuilt (%s); the last good copy is served", lang,
                        e.getClass().getSimpleName());
                mine.completeExceptionally(e);
            } finally {
                builds.remove(lang, mine);
            }
        });
        return mine;
    }

    private Snapshot build(String lang) {
        // Read what counts as current before the content: a change committed in between only causes another rebuild.
        long localChanges = versions.localChanges();
        Instant builtAt = Instant.now(clock);
        long version = versions.read();
        List<PublicIncident> incidents = QuarkusTransaction.requiringNew().call(() -> status.incidents(lang));
        OrganisationContacts.Contact contact = QuarkusTransaction.requiringNew().call(() -> contacts.current(lang));
        List<PageIncident> page = incidents.stream().map(incident -> PageIncident.of(incident, lang)).toList();
        Map<Kind, Rendered> rendered = new EnumMap<>(Kind.class);
        rendered.put(Kind.PAGE, rendered(Kind.PAGE, lang, render(StatusPageResource.Templates.page(lang, PageLanguage.other(lang),
                page.stream().filter(PageIncident::active).toList(),
                page.stream().filter(incident -> !incident.active()).toList(), config.support(), contact,
                config.messageCheckUrl()), lang)));
        String updated = incidents.stream().map(PublicIncident::lastUpdatedAt).max(Comparator.naturalOrder())
                .map(Object::toString).orElse("1970-01-01T00:00:00Z");
        rendered.put(Kind.FEED, rendered(Kind.FEED, lang,
                render(StatusPageResource.Templates.feed(lang, config.publicBaseUrl(), updated, page), lang)));
        try {
            rendered.put(Kind.JSON, rendered(Kind.JSON, lang, json.writeValueAsBytes(incidents)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Snapshot(version, localChanges, builtAt, rendered);
    }

    private static byte[] render(TemplateInstance template, String lang) {
        template.setLocale(Locale.forLanguageTag(lang));
        return template.render().getBytes(StandardCharsets.UTF_8);
    }

    private static Rendered rendered(Kind kind, String lang, byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String etag = "\"" + lang + "-" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            return new Rendered(body, etag, kind.contentType);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable unavailable(Throwable cause) {
        return new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "The status page cannot be shown right now. Please try again in a minute."));
    }
}
