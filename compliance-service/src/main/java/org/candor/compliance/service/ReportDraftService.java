package org.candor.compliance.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.domain.Filing;
import org.candor.compliance.domain.IncidentTrigger;
import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.OrganisationProfile;
import org.candor.compliance.domain.deadline.Countries;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/**
 * Drafts of the reports authorities other than the GDPR's want (NIS2 Art. 23(4), DORA Art. 19, SEC Form 8-K Item
 * 1.05, a US state attorney general's notice), from what this service knows now. Each field is either filled from
 * live data or listed in {@code missing}: nothing the service cannot know is written as prose.
 */
@ApplicationScoped
public class ReportDraftService {

    /** The reports, by the name used in the URL, with the regime whose obligation they answer. */
    public static final Map<String, String> REPORTS = Map.of(
            "nis2-early-warning", "NIS2_EARLY_WARNING", "nis2-notification", "NIS2_NOTIFICATION",
            "nis2-final-report", "NIS2_FINAL_REPORT", "dora-initial", "DORA_INITIAL",
            "dora-intermediate", "DORA_INTERMEDIATE", "dora-final", "DORA_FINAL",
            "sec-8k-item-105", "SEC_8K_ITEM_105", "us-state-ag", "US_STATE_AG");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    /** One field of a report: {@code value} null means it is missing (and listed in the draft's {@code missing}). */
    public record Field(String id, String label, String value) {
    }

    public record ReportDraft(UUID incidentId, String report, String regime, String region, String lang, String title,
            Instant generatedAt, List<Field> fields, List<String> missing) {
    }

    private final EvidenceService evidence;
    private final AuditLog audit;

    ReportDraftService(EvidenceService evidence, AuditLog audit) {
        this.evidence = evidence;
        this.audit = audit;
    }

    /** The draft as data; 404 for an unknown incident or report, 400 naming {@code region} for a state notice without one. */
    @Transactional
    public ReportDraft draft(UUID incidentId, String report, String lang, String region, Instant now, String actor) {
        ReportDraft draft = build(incidentId, report, lang, region, now);
        generated(draft, "json", draft.fields().stream().map(f -> f.id() + "=" + f.value())
                .collect(Collectors.joining("\n")), actor);
        return draft;
    }

    /** The draft as Markdown; audited like {@link #draft}. */
    @Transactional
    public String markdown(UUID incidentId, String report, String lang, String region, Instant now, String actor) {
        ReportDraft draft = build(incidentId, report, lang, region, now);
        boolean de = "de".equals(lang);
        StringBuilder md = new StringBuilder("# ").append(draft.title()).append("\n\n");
        md.append(de ? "Entwurf, erstellt " : "Draft, generated ").append(draft.generatedAt()).append("\n\n");
        for (Field field : draft.fields()) {
            md.append("## ").append(field.label()).append("\n\n");
            md.append(field.value() != null ? field.value()
                    : de ? "_Candor liegt dazu nichts vor (siehe „Fehlt“)._" : "_Not known to Candor (see \"Missing\")._")
                    .append("\n\n");
        }
        md.append("## ").append(de ? "Fehlt" : "Missing").append("\n\n");
        if (draft.missing().isEmpty()) {
            md.append(de ? "Nichts.\n" : "Nothing.\n");
        } else {
            draft.missing().forEach(code -> md.append("- `").append(code).append("`\n"));
        }
        String document = md.toString();
        generated(draft, "markdown", document, actor);
        return document;
    }

    private void generated(ReportDraft draft, String format, String content, String actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", draft.regime());
        details.put("region", draft.region());
        details.put("lang", draft.lang());
        details.put("format", format);
        details.put("sha256", AuditLog.sha256(content));
        details.put("missing", draft.missing());
        audit.append(actor, "report.generated", "incident/" + draft.incidentId(), details);
    }

    private ReportDraft build(UUID incidentId, String report, String lang, String region, Instant now) {
        String regime = REPORTS.get(report);
        if (regime == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                    "No report " + report + "; known: " + new java.util.TreeSet<>(REPORTS.keySet())));
        }
        KnownIncident incident = KnownIncident.<KnownIncident>findByIdOptional(incidentId).orElseThrow(
                () -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No incident " + incidentId)));
        if ("us-state-ag".equals(report) && (region == null || !region.startsWith("US-") || !Countries.isRegion(region))) {
            throw new ProblemException(Problem.invalid("A state notice needs the state", List.of(
                    Problem.FieldError.field("region", "must be a US state as ISO 3166-2, e.g. US-TX"))));
        }
        Fields f = new Fields("de".equals(lang));
        Optional<OrganisationProfile> profile = OrganisationProfile.current();
        ZoneId zone = ZoneId.of(profile.map(p -> p.timezone).orElse("UTC"));
        Map<String, Instant> triggers = new TreeMap<>();
        IncidentTrigger.<IncidentTrigger>list("incidentId", incidentId).forEach(t -> triggers.put(t.trigger, t.occurredAt));
        Optional<Obligation> obligation = Obligation.<Obligation>find("incidentId = ?1 and regime = ?2 and manual = false",
                incidentId, "US_STATE_AG".equals(regime) ? region.replace("-", "_") + "_AG" : regime)
                .firstResultOptional();

        f.add("entity", "Entity", "Einrichtung", profile.map(p -> p.legalName).orElse(null));
        f.add("incident", "Incident", "Vorfall", incident.title + (incident.summary == null ? "" : ": " + incident.summary));
        f.add("detectedAt", "Detected", "Erkannt", time(incident.detectedAt, zone));
        f.add("awareAt", "Aware since", "Kenntnis seit", time(incident.awareAt, zone));
        f.add("dataCategories", "Categories of data", "Datenkategorien",
                incident.dataCategories == null || incident.dataCategories.isEmpty() ? null
                        : String.join(", ", incident.dataCategories));
        switch (regime) {
            case "NIS2_EARLY_WARNING" -> {
                f.add("suspectedMalicious", "Suspected unlawful or malicious act (Art. 23(4)(a))",
                        "Verdacht auf rechtswidrige oder böswillige Handlung (Art. 23(4)(a))", null);
                f.add("crossBorderImpact", "Possible cross-border impact (Art. 23(4)(a))",
                        "Mögliche grenzüberschreitende Auswirkungen (Art. 23(4)(a))", null);
            }
            case "NIS2_NOTIFICATION" -> {
                f.add("severity", "Initial assessment: severity (Art. 23(4)(b))",
                        "Erste Bewertung: Schweregrad (Art. 23(4)(b))", incident.severity == null ? null : incident.severity.name());
                f.add("impact", "Initial assessment: impact", "Erste Bewertung: Auswirkungen", population(incident, f.de));
                f.add("indicatorsOfCompromise", "Indicators of compromise", "Kompromittierungsindikatoren", null);
            }
            case "NIS2_FINAL_REPORT" -> {
                f.add("severity", "Severity (Art. 23(4)(d)(i))", "Schweregrad (Art. 23(4)(d)(i))",
                        incident.severity == null ? null : incident.severity.name());
                f.add("impact", "Impact (Art. 23(4)(d)(i))", "Auswirkungen (Art. 23(4)(d)(i))", population(incident, f.de));
                f.add("rootCause", "Type of threat or root cause (Art. 23(4)(d)(ii))",
                        "Art der Bedrohung oder Grundursache (Art. 23(4)(d)(ii))", null);
                f.add("mitigation", "Mitigation measures applied and ongoing (Art. 23(4)(d)(iii))",
                        "Ergriffene und laufende Abhilfemaßnahmen (Art. 23(4)(d)(iii))", phases(incident, zone));
                f.add("crossBorderImpact", "Cross-border impact (Art. 23(4)(d)(iv))",
                        "Grenzüberschreitende Auswirkungen (Art. 23(4)(d)(iv))", null);
            }
            case "DORA_INITIAL", "DORA_INTERMEDIATE", "DORA_FINAL" -> {
                f.add("lei", "Legal entity identifier (LEI)", "Rechtsträgerkennung (LEI)", null);
                f.add("classifiedAt", "Classified as major", "Als schwerwiegend eingestuft",
                        time(triggers.get("CLASSIFIED_MAJOR"), zone));
                f.add("clientsAffected", "Clients affected (classification criterion)",
                        "Betroffene Kunden (Einstufungskriterium)", population(incident, f.de));
                f.add("geographicalSpread", "Geographical spread", "Geografische Ausbreitung", countries(incident));
                if (!"DORA_INITIAL".equals(regime)) {
                    f.add("duration", "Duration and service downtime", "Dauer und Ausfallzeit", null);
                    f.add("economicImpact", "Economic impact", "Wirtschaftliche Auswirkungen", null);
                    f.add("measures", "Actions taken to recover", "Maßnahmen zur Wiederherstellung", phases(incident, zone));
                }
                if ("DORA_FINAL".equals(regime)) {
                    f.add("rootCause", "Root cause", "Grundursache", null);
                    f.add("recurring", "Recurring incident", "Wiederkehrender Vorfall", null);
                }
            }
            case "SEC_8K_ITEM_105" -> {
                f.add("materialityDeterminedAt", "Date of the materiality determination",
                        "Datum der Wesentlichkeitsfeststellung", time(triggers.get("MATERIALITY_DETERMINATION"), zone));
                f.add("natureScopeTiming", "Material aspects of the nature, scope and timing (Item 1.05(a))",
                        "Wesentliche Aspekte von Art, Umfang und Zeitpunkt (Item 1.05(a))", null);
                f.add("materialImpact", "Material impact or reasonably likely material impact (Item 1.05(a))",
                        "Wesentliche oder wahrscheinlich wesentliche Auswirkungen (Item 1.05(a))", null);
                f.add("attorneyGeneralDelay", "Delay requested by the Attorney General (Item 1.05(c))",
                        "Aufschub auf Ersuchen des Attorney General (Item 1.05(c))", null);
            }
            default -> {
                long affected = incident.population == null ? 0 : incident.population.stream()
                        .filter(p -> region.equals(p.region())).mapToLong(KnownIncident.PopulationCount::count).sum();
                long[] told = evidence.byRegion(incidentId).getOrDefault(region, new long[2]);
                f.add("state", "State", "Bundesstaat", region);
                f.add("residentsAffected", "Residents affected", "Betroffene Einwohner",
                        incident.population == null ? null : Long.toString(affected));
                f.add("residentsNotified", "Residents notified so far", "Bisher benachrichtigte Einwohner",
                        Long.toString(told[0]));
                f.add("residentsNotReached", "Residents not reached on any channel",
                        "Auf keinem Kanal erreichte Einwohner", Long.toString(told[1]));
                f.add("breachPeriod", "Date or period of the breach", "Datum oder Zeitraum der Verletzung", null);
                f.add("noticeCopy", "Copy of the notice sent to residents", "Kopie der Benachrichtigung der Einwohner", null);
                f.add("contact", "Contact", "Kontakt", profile.map(p -> p.dpoName + ", " + p.dpoEmail).orElse(null));
            }
        }
        obligation.ifPresent(o -> {
            f.add("dueAt", "Due", "Fällig", o.dueAt == null ? (f.de ? "unverzüglich" : "without undue delay")
                    : time(o.dueAt, zone));
            List<Filing> filings = Filing.list("obligationId = ?1 order by submittedAt", o.id);
            if (!filings.isEmpty()) {
                f.add("previousReports", "Reports submitted so far", "Bisher eingereichte Meldungen",
                        filings.stream().map(x -> x.phase + " " + time(x.submittedAt, zone) + " (" + x.reference + ")")
                                .collect(Collectors.joining("; ")));
            }
        });
        String title = f.de ? "Entwurf: " + regime + " – " + incident.title : "Draft: " + regime + " - " + incident.title;
        return new ReportDraft(incidentId, report, regime, region, lang, title, now, List.copyOf(f.fields),
                f.fields.stream().filter(x -> x.value() == null).map(Field::id).toList());
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : TIME.format(instant.atZone(zone));
    }

    private static String population(KnownIncident incident, boolean de) {
        if (incident.population == null || incident.population.isEmpty()) {
            return null;
        }
        long total = incident.totalAffected != null ? incident.totalAffected : byCountry(incident).values().stream()
                .mapToLong(Long::longValue).sum();
        return String.format(Locale.forLanguageTag(de ? "de" : "en"), de ? "%,d betroffene Personen (%s)"
                : "%,d people affected (%s)", total, countries(incident));
    }

    private static String countries(KnownIncident incident) {
        if (incident.population == null || incident.population.isEmpty()) {
            return null;
        }
        return byCountry(incident).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** People per country: the country's own count, else the sum of its regions'. */
    private static Map<String, Long> byCountry(KnownIncident incident) {
        Map<String, Long> whole = new TreeMap<>();
        Map<String, Long> regions = new TreeMap<>();
        for (KnownIncident.PopulationCount p : incident.population) {
            (p.region() == null ? whole : regions).merge(p.country(), p.count(), Long::sum);
        }
        regions.forEach(whole::putIfAbsent);
        return whole;
    }

    private static String phases(KnownIncident incident, ZoneId zone) {
        if (incident.phases == null || incident.phases.stream().noneMatch(p -> !"DETECTED".equals(p.phase()))) {
            return null;
        }
        return incident.phases.stream().filter(p -> !"DETECTED".equals(p.phase()))
                .map(p -> p.phase() + " " + time(p.at(), zone)).collect(Collectors.joining("; "));
    }

    /** The fields in order, each labelled in the draft's language. */
    private static final class Fields {
        final boolean de;
        final List<Field> fields = new ArrayList<>();

        Fields(boolean de) {
            this.de = de;
        }

        void add(String id, String en, String german, String value) {
            fields.add(new Field(id, de ? german : en, value));
        }
    }
}
