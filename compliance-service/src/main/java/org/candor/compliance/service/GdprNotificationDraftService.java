package org.candor.compliance.service;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.domain.Filing;
import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.domain.OrganisationProfile;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

/**
 * Drafts the notification to the lead supervisory authority with the contents GDPR Art. 33(3) requires,
 * from what this service knows. What it does not know is said to be unknown, never guessed: Art. 33(4)
 * lets the rest follow in phases.
 */
@ApplicationScoped
public class GdprNotificationDraftService {

    public static final String REGIME = "GDPR_ART33";
    public static final List<String> LANGUAGES = List.of("de", "en");

    /** The sections in document order, each a fragment of the language's template, with its heading. */
    public static final List<SectionDefinition> SECTIONS = List.of(
            new SectionDefinition("controller", "Art. 33(1)"),
            new SectionDefinition("nature", "Art. 33(3)(a)"),
            new SectionDefinition("dpo", "Art. 33(3)(b)"),
            new SectionDefinition("consequences", "Art. 33(3)(c)"),
            new SectionDefinition("measures", "Art. 33(3)(d)"),
            new SectionDefinition("timing", "Art. 33(1), (4)"));

    /** Special categories of personal data (GDPR Art. 9) among the incident's data categories. */
    private static final Set<String> SPECIAL_CATEGORIES = Set.of("HEALTH");
    /** Phases that show the breach being dealt with; DETECTED is where every incident starts. */
    private static final Set<String> RESPONSE_PHASES = Set.of("CONTAINED", "ERADICATED", "RECOVERED", "CLOSED");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private final EvidenceService evidence;
    private final Engine engine;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;

    GdprNotificationDraftService(EvidenceService evidence, Engine engine, AuditLog audit, AuditCheckpoints checkpoints) {
        this.evidence = evidence;
        this.engine = engine;
        this.audit = audit;
        this.checkpoints = checkpoints;
    }

    public record SectionDefinition(String id, String article) {
    }

    /** A section of the draft: the text says explicitly what is not known yet. */
    public record Section(String id, String article, String heading, String text) {
    }

    /**
     * The draft as data: its title, sections and what is still unknown (codes, see {@link Art33Facts#missing}), and
     * the audit chain's latest signed checkpoint (null before the first), which the authority can hold the record to.
     */
    public record Draft(UUID incidentId, String lang, String regime, String title, Instant generatedAt,
            List<Section> sections, List<String> missing, AuditCheckpoints.Signed recordCheckpoint) {
    }

    /** The language asked for, or the profile's language when none was asked for; 400 naming {@code lang} otherwise. */
    @Transactional
    public String language(String requested) {
        if (requested == null || requested.isBlank()) {
            String profileLocale = OrganisationProfile.current().map(p -> p.locale).orElse("en");
            return LANGUAGES.contains(profileLocale) ? profileLocale : "en";
        }
        String lang = requested.trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lang)) {
            throw new ProblemException(Problem.invalid("The draft is available in " + String.join(" and ", LANGUAGES),
                    List.of(Problem.FieldError.field("lang", "'" + requested + "' is not supported; use de or en"))));
        }
        return lang;
    }

    /** The draft as data; its generation is an audit chain entry (who, language, what was missing). */
    @Transactional
    public Draft draft(UUID incidentId, String lang, Instant now, String actor) {
        Art33Facts facts = facts(incidentId, lang, now);
        Template template = template(lang);
        List<Section> sections = SECTIONS.stream().map(section -> new Section(section.id(), section.article(),
                fragment(template, section.id() + "_heading", facts), fragment(template, section.id(), facts))).toList();
        Draft draft = new Draft(incidentId, lang, REGIME, fragment(template, "title", facts), now, sections,
                facts.missing(), facts.checkpoint());
        generated(incidentId, lang, "json", sections.stream().map(Section::text)
                .collect(java.util.stream.Collectors.joining("\n")), facts.missing(), actor);
        return draft;
    }

    /** The whole draft as a Markdown document (readable as plain text too); audited like {@link #draft}. */
    @Transactional
    public String render(UUID incidentId, String lang, Instant now, String actor) {
        Art33Facts facts = facts(incidentId, lang, now);
        String document = template(lang).data("d", facts).render();
        generated(incidentId, lang, "markdown", document, facts.missing(), actor);
        return document;
    }

    private void generated(UUID incidentId, String lang, String format, String content, List<String> missing,
            String actor) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("report", REGIME);
        details.put("lang", lang);
        details.put("format", format);
        details.put("sha256", AuditLog.sha256(content));
        details.put("missing", missing);
        audit.append(actor, "report.generated", "incident/" + incidentId, details);
    }

    private Template template(String lang) {
        return engine.getTemplate("reports/gdpr-art33." + lang + ".md");
    }

    private static String fragment(Template template, String id, Art33Facts facts) {
        return template.getFragment(id).data("d", facts).render().strip();
    }

    Art33Facts facts(UUID incidentId, String lang, Instant now) {
        KnownIncident incident = KnownIncident.<KnownIncident>findByIdOptional(incidentId).orElseThrow(
                () -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No incident " + incidentId)));
        Optional<OrganisationProfile> profile = OrganisationProfile.current();
        ZoneId zone = ZoneId.of(profile.map(p -> p.timezone).orElse("UTC"));
        Function<Instant, String> time = instant -> instant == null ? null : TIME.format(instant.atZone(zone));
        NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.forLanguageTag(lang));
        List<String> missing = new ArrayList<>();

        if (profile.isEmpty()) {
            missing.add("controller");
            missing.add("dpo");
        }
        List<String> categories = incident.dataCategories == null ? List.of() : incident.dataCategories;
        if (categories.isEmpty()) {
            missing.add("dataCategories");
        }
        if (incident.totalAffected == null) {
            missing.add("dataSubjects");
        }
        // Records are not counted anywhere in Candor; the controller has to estimate them.
        missing.add("personalDataRecords");
        if (incident.riskLevel == null) {
            missing.add("likelyConsequences");
        }
        List<Art33Facts.Phase> phases = incident.phases == null ? List.of() : incident.phases.stream()
                .filter(p -> RESPONSE_PHASES.contains(p.phase()))
                .map(p -> new Art33Facts.Phase(p.phase(), time.apply(p.at()))).toList();
        EvidenceService.Summary told = evidence.summary(incidentId);
        if (phases.isEmpty() && told.peopleTold() == 0) {
            missing.add("measuresTaken");
        }
        // Which technical and organisational measures are planned is not recorded in any event.
        missing.add("measuresProposed");

        List<Obligation> obligations = Obligation.list("incidentId", incidentId);
        Map<UUID, Obligation> byId = obligations.stream().collect(Collectors.toMap(o -> o.id, o -> o));
        List<Filing> filings = byId.isEmpty() ? List.of()
                : Filing.<Filing>list("obligationId in ?1 order by submittedAt", byId.keySet());
        Art33Facts.Obligation art33 = obligations.stream().filter(o -> REGIME.equals(o.regime)).findFirst()
                .map(o -> art33(o, filings, now, time)).orElse(null);
        if (art33 != null && art33.overdue()) {
            missing.add("delayReasons");
        }

        return new Art33Facts(lang, zone.getId(), time.apply(now),
                profile.map(p -> p.legalName).orElse(null),
                profile.map(p -> p.leadAuthority).orElse(null),
                profile.map(p -> p.dpoName).orElse(null),
                profile.map(p -> p.dpoEmail).orElse(null),
                profile.map(p -> p.dpoPhone).orElse(null),
                incident.title, incident.summaryIn(lang), incident.severity.name(),
                time.apply(incident.detectedAt), time.apply(incident.awareAt),
                categories, categories.stream().anyMatch(SPECIAL_CATEGORIES::contains),
                incident.totalAffected == null ? null : numbers.format(incident.totalAffected),
                time.apply(incident.populationAsOf),
                incident.population == null ? List.of() : incident.population.stream()
                        .sorted(Comparator.comparingLong(KnownIncident.PopulationCount::count).reversed())
                        .map(p -> new Art33Facts.Place(p.country(), p.region(), numbers.format(p.count()))).toList(),
                incident.riskLevel, incident.riskLikelihood, incident.riskImpact, incident.highRisk,
                time.apply(incident.riskAssessedAt),
                phases,
                numbers.format(told.peopleTold()), time.apply(told.firstDeliveredAt()),
                art33,
                filings.stream().map(f -> new Art33Facts.FilingMade(byId.get(f.obligationId).regime,
                        byId.get(f.obligationId).recipient, f.phase.name(), time.apply(f.submittedAt), f.channel,
                        f.reference, f.late)).toList(),
                List.copyOf(missing),
                checkpoints.latest().orElse(null));
    }

    private static Art33Facts.Obligation art33(Obligation obligation, List<Filing> filings, Instant now,
            Function<Instant, String> time) {
        Optional<Filing> initial = filings.stream()
                .filter(f -> f.obligationId.equals(obligation.id) && f.phase == Filing.Phase.INITIAL).findFirst();
        boolean overdue = obligation.status.pending() && obligation.dueAt != null && !now.isBefore(obligation.dueAt);
        return new Art33Facts.Obligation(obligation.status.name(), time.apply(obligation.dueAt), overdue,
                obligation.status == ObligationStatus.NOT_REQUIRED ? obligation.justification : null,
                initial.map(f -> f.reference).orElse(null), initial.map(f -> time.apply(f.submittedAt)).orElse(null),
                initial.map(f -> f.lateReason).orElse(null));
    }
}
