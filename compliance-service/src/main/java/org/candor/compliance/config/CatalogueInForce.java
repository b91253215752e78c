package org.candor.compliance.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.compliance.domain.CatalogueVersion;
import org.candor.compliance.domain.deadline.DeadlineEngine;
import org.candor.compliance.domain.deadline.InvalidCatalogueException;
import org.candor.compliance.domain.deadline.RegimeCatalogue;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;

/**
 * The regime catalogue in force, read from a mounted file when one is configured, else from the bundled classpath
 * resource. A file that does not validate never replaces the catalogue in force; at start it falls back to the last
 * good version recorded in the database, and only without one does the service refuse to start.
 */
@ApplicationScoped
@Startup
public class CatalogueInForce {

    /**
     * What the source holds now: the compiled catalogue, or every error found in it.
     *
     * @param source where it was read from
     * @param sha256 over both files; null when a file could not be read
     */
    public record Candidate(String source, String sha256, String regimesJson, String calendarsJson,
            RegimeCatalogue catalogue, List<String> errors) {

        public boolean valid() {
            return catalogue != null;
        }
    }

    /** The catalogue in force, its engine and where it came from. */
    public record InForce(RegimeCatalogue catalogue, DeadlineEngine engine, String source, String sha256,
            String regimesJson, String calendarsJson, Instant since) {
    }

    /** The last refused file: its errors, until a good file replaces it or the file is put back. */
    public record Rejection(String source, String sha256, Instant at, List<String> errors) {
    }

    private final ComplianceConfig config;
    private volatile InForce inForce;
    private volatile Rejection rejection;
    private volatile Instant checkedAt;

    CatalogueInForce(ComplianceConfig config) {
        this.config = config;
        Candidate candidate = read();
        if (candidate.valid()) {
            activate(candidate);
            return;
        }
        reject(candidate);
        Optional<CatalogueVersion> lastGood = QuarkusTransaction.requiringNew().call(CatalogueVersion::latest);
        if (lastGood.isEmpty()) {
            throw new InvalidCatalogueException(candidate.source(), candidate.errors());
        }
        CatalogueVersion last = lastGood.get();
        RegimeCatalogue catalogue = compile(last.source, last.source, last.regimesJson, last.calendarsJson);
        inForce = new InForce(catalogue, new DeadlineEngine(catalogue), last.source, last.sha256, last.regimesJson,
                last.calendarsJson, Instant.now());
        Log.errorf("Regime catalogue %s is invalid; keeping the last good version %s recorded %s",
                candidate.source(), last.version, last.recordedAt);
    }

    public DeadlineEngine engine() {
        return inForce.engine();
    }

    public RegimeCatalogue catalogue() {
        return inForce.catalogue();
    }

    public InForce inForce() {
        return inForce;
    }

    /** The last refused file, or null when the source holds the catalogue in force. */
    public Rejection rejection() {
        return rejection;
    }

    public Instant checkedAt() {
        return checkedAt;
    }

    /** Reads and validates the configured files, without changing what is in force. */
    public Candidate read() {
        checkedAt = Instant.now();
        String regimesName = config.catalogueFile().map(Path::toString).orElse("classpath:" + config.catalogue());
        String calendarsName = config.holidayCalendarsFile().map(Path::toString)
                .orElse("classpath:" + config.holidayCalendars());
        String source = regimesName + " + " + calendarsName;
        String regimes;
        String calendars;
        try {
            regimes = text(config.catalogueFile(), config.catalogue());
            calendars = text(config.holidayCalendarsFile(), config.holidayCalendars());
        } catch (IOException e) {
            return new Candidate(source, null, null, null, null, List.of("cannot be read: " + e));
        }
        String sha256 = sha256(regimes + "\u0000" + calendars);
        try {
            return new Candidate(source, sha256, regimes, calendars, compile(regimesName, calendarsName, regimes, calendars),
                    List.of());
        } catch (InvalidCatalogueException e) {
            return new Candidate(source, sha256, regimes, calendars, null,
                    e.errors().stream().map(error -> e.source() + ": " + error).toList());
        }
    }

    /** Puts a valid candidate in force; the callers have recorded it. */
    public void activate(Candidate candidate) {
        inForce = new InForce(candidate.catalogue(), new DeadlineEngine(candidate.catalogue()), candidate.source(),
                candidate.sha256(), candidate.regimesJson(), candidate.calendarsJson(), Instant.now());
        rejection = null;
        Log.infof("Regime catalogue %s in force: %d regimes, %d holiday calendars (version %s, calendars %s)",
                candidate.source(), candidate.catalogue().rules().size(), candidate.catalogue().calendars().size(),
                candidate.catalogue().version(), candidate.catalogue().calendarsVersion());
    }

    /** Keeps the catalogue in force and says why the candidate was refused (once per content). */
    public void reject(Candidate candidate) {
        Rejection previous = rejection;
        rejection = new Rejection(candidate.source(), candidate.sha256(), Instant.now(), candidate.errors());
        if (previous == null || !java.util.Objects.equals(previous.sha256(), candidate.sha256())) {
            Log.errorf("Regime catalogue %s refused, %s stays in force; %d error(s):%n  - %s", candidate.source(),
                    inForce == null ? "no version" : "version " + inForce.catalogue().version(),
                    candidate.errors().size(), String.join(System.lineSeparator() + "  - ", candidate.errors()));
        }
    }

    /** The source holds the catalogue in force again (a broken file was put back). */
    public void clearRejection() {
        if (rejection != null) {
            Log.infof("Regime catalogue %s holds version %s in force again", inForce.source(), inForce.catalogue().version());
        }
        rejection = null;
    }

    private static RegimeCatalogue compile(String regimesName, String calendarsName, String regimes, String calendars) {
        return RegimeCatalogue.read(regimesName, stream(regimes), calendarsName, stream(calendars));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Optional<Path> file, String resource) throws IOException {
        if (file.isPresent()) {
            return Files.readString(file.get(), StandardCharsets.UTF_8);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("classpath resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
