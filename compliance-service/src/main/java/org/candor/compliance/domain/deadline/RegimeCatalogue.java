package org.candor.compliance.domain.deadline;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.candor.compliance.domain.deadline.CatalogueFile.Condition;
import org.candor.compliance.domain.deadline.CatalogueFile.Period;
import org.candor.compliance.domain.deadline.CatalogueFile.PeriodUnit;
import org.candor.compliance.domain.deadline.CatalogueFile.Regime;
import org.candor.compliance.domain.deadline.CatalogueFile.Variant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The regime catalogue and the holiday calendars, validated and compiled: every rule that {@link DeadlineEngine}
 * applies. Built once at start; a broken file stops the service with the list of what is wrong.
 */
public final class RegimeCatalogue {

    /** Relief calendar placeholder: the calendar of the organisation's first EU establishment. */
    public static final String MEMBER_STATE = "MEMBER_STATE";
    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final CatalogueFile file;
    private final List<RegimeRule> rules;
    private final Map<String, RegimeRule> byId;
    private final Map<String, HolidayCalendar> calendars;
    private final String calendarsVersion;
    /** Countries and regions some regime's population condition names: places the catalogue has a rule for. */
    private final Set<String> coveredCountries;
    private final Set<String> coveredRegions;
    /** The one region (ISO 3166-2) a regime's own population conditions name: a US state's notice, say. */
    private final Map<String, String> regionOf;

    private RegimeCatalogue(CatalogueFile file, List<RegimeRule> rules, Map<String, HolidayCalendar> calendars,
            String calendarsVersion) {
        this.file = file;
        this.rules = List.copyOf(rules);
        Map<String, RegimeRule> index = new LinkedHashMap<>();
        rules.forEach(rule -> index.put(rule.id(), rule));
        this.byId = Map.copyOf(index);
        this.calendars = Map.copyOf(calendars);
        this.calendarsVersion = calendarsVersion;
        Set<String> countries = new HashSet<>();
        Set<String> regions = new HashSet<>();
        file.regimes().forEach(regime -> covered(file, regime.conditions(), countries, regions));
        this.coveredCountries = Set.copyOf(countries);
        this.coveredRegions = Set.copyOf(regions);
        Map<String, String> regionOf = new HashMap<>();
        for (Regime regime : file.regimes()) {
            Set<String> named = new HashSet<>();
            if (regime.conditions() != null) {
                regime.conditions().stream().filter(c -> c.type() == CatalogueFile.ConditionType.POPULATION
                        && c.regions() != null).forEach(c -> named.addAll(c.regions()));
            }
            if (named.size() == 1) {
                regionOf.put(regime.id(), named.iterator().next());
            }
        }
        this.regionOf = Map.copyOf(regionOf);
    }

    /** The single region a regime is about (e.g. {@code US-TX} for Texas's notices), or null. */
    public String regionOf(String regimeId) {
        return regionOf.get(regimeId);
    }

    private static void covered(CatalogueFile file, List<Condition> conditions, Set<String> countries,
            Set<String> regions) {
        if (conditions == null) {
            return;
        }
        for (Condition condition : conditions) {
            if (condition.type() == CatalogueFile.ConditionType.POPULATION) {
                if (condition.regions() != null) {
                    regions.addAll(condition.regions());
                }
                if (condition.countries() != null) {
                    for (String name : condition.countries()) {
                        if (name.startsWith("@")) {
                            countries.addAll((file.countryGroups() == null ? Map.<String, List<String>>of() : file.countryGroups())
                                    .getOrDefault(name.substring(1), List.of()));
                        } else {
                            countries.add(name);
                        }
                    }
                }
            }
            covered(file, condition.anyOf(), countries, regions);
        }
    }

    /**
     * The places among an affected population that no regime names, largest first. A regime that applies to
     * everyone (no countries, no regions: HIPAA, say) does not cover a place: it follows a sector, not a
     * place's law. US residents are checked per state, since every state, DC and territory has its own law.
     */
    public List<CatalogueGap> gaps(List<Situation.Population> population) {
        Map<String, Long> uncovered = new LinkedHashMap<>();
        for (Situation.Population entry : population) {
            if (entry.count() <= 0) {
                continue;
            }
            String key;
            if ("US".equals(entry.country())) {
                key = entry.region() == null ? "US|" : coveredRegions.contains(entry.region()) ? null : "US|" + entry.region();
            } else {
                boolean covered = coveredCountries.contains(entry.country())
                        || entry.region() != null && coveredRegions.contains(entry.region());
                key = covered ? null : entry.country() + "|";
            }
            if (key != null) {
                uncovered.merge(key, entry.count(), Long::sum);
            }
        }
        List<CatalogueGap> gaps = new ArrayList<>();
        uncovered.forEach((key, people) -> {
            String country = key.substring(0, key.indexOf('|'));
            String region = key.endsWith("|") ? null : key.substring(key.indexOf('|') + 1);
            String warning;
            if (region != null) {
                warning = "No rule in the catalogue for residents of " + region
                        + ": check that state's breach-notification law (notice to residents and to its attorney general).";
            } else if ("US".equals(country)) {
                warning = "US residents without a state: state breach-notification laws cannot be checked;"
                        + " give each person's state (region such as US-IL).";
            } else {
                warning = "No rule in the catalogue for residents of " + country
                        + ": check that country's breach-notification law.";
            }
            gaps.add(new CatalogueGap(country, region, people, warning));
        });
        gaps.sort(Comparator.comparingLong(CatalogueGap::people).reversed()
                .thenComparing(g -> g.region() == null ? g.country() : g.region()));
        return List.copyOf(gaps);
    }

    /** Reads and validates both files; throws {@link InvalidCatalogueException} naming every problem. */
    public static RegimeCatalogue read(String regimesName, InputStream regimes, String calendarsName,
            InputStream calendars) {
        HolidayCalendarFile calendarFile = parse(calendarsName, calendars, HolidayCalendarFile.class);
        CatalogueFile catalogueFile = parse(regimesName, regimes, CatalogueFile.class);
        Map<String, HolidayCalendar> compiledCalendars = compileCalendars(calendarsName, calendarFile);
        List<String> errors = new ArrayList<>();
        List<RegimeRule> compiled = new Compiler(catalogueFile, compiledCalendars, errors).compile();
        if (!errors.isEmpty()) {
            throw new InvalidCatalogueException(regimesName, errors);
        }
        return new RegimeCatalogue(catalogueFile, compiled, compiledCalendars, calendarFile.version());
    }

    private static <T> T parse(String name, InputStream in, Class<T> type) {
        if (in == null) {
            throw new InvalidCatalogueException(name, List.of("the file is missing"));
        }
        try (in) {
            return STRICT.readValue(in, type);
        } catch (JsonProcessingException e) {
            throw new InvalidCatalogueException(name, List.of(e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + pathOf(e)));
        } catch (IOException e) {
            throw new InvalidCatalogueException(name, List.of("cannot be read: " + e.getMessage()));
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder(" (");
            for (var reference : mapping.getPath()) {
                path.append(reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]");
            }
            return path.append(")").toString().replace("(.", "(");
        }
        return "";
    }

    private static Map<String, HolidayCalendar> compileCalendars(String name, HolidayCalendarFile file) {
        List<String> errors = new ArrayList<>();
        Map<String, HolidayCalendar> compiled = new HashMap<>();
        if (file.version() == null || file.version().isBlank()) {
            errors.add("version is missing");
        }
        if (file.calendars() == null || file.calendars().isEmpty()) {
            errors.add("calendars is empty");
        } else {
            file.calendars().forEach((id, definition) -> {
                String where = "calendars." + id;
                if (definition.holidays() == null || definition.holidays().isEmpty()) {
                    errors.add(where + ": holidays is empty");
                    return;
                }
                for (int i = 0; i < definition.holidays().size(); i++) {
                    HolidayCalendarFile.Holiday holiday = definition.holidays().get(i);
                    try {
                        HolidayRule.parse(holiday.rule());
                    } catch (IllegalArgumentException e) {
                        errors.add(where + ".holidays[" + i + "]: " + e.getMessage());
                    }
                    if (holiday.name() == null || holiday.name().isBlank()) {
                        errors.add(where + ".holidays[" + i + "]: name is missing");
                    }
                }
                if (definition.closures() != null) {
                    for (String closure : definition.closures()) {
                        try {
                            LocalDate.parse(closure);
                        } catch (DateTimeParseException e) {
                            errors.add(where + ".closures: '" + closure + "' is not a date (YYYY-MM-DD)");
                        }
                    }
                }
                if (errors.isEmpty()) {
                    compiled.put(id, new HolidayCalendar(id, definition));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidCatalogueException(name, errors);
        }
        return compiled;
    }

    public String version() {
        return file.version();
    }

    public String calendarsVersion() {
        return calendarsVersion;
    }

    /** The file as written: what {@code GET /api/regimes} shows. */
    public CatalogueFile file() {
        return file;
    }

    /** The rules, each after every regime it depends on. */
    public List<RegimeRule> rules() {
        return rules;
    }

    public boolean contains(String regimeId) {
        return byId.containsKey(regimeId);
    }

    public RegimeRule rule(String regimeId) {
        return byId.get(regimeId);
    }

    public Map<String, HolidayCalendar> calendars() {
        return calendars;
    }

    public HolidayCalendar calendar(String id) {
        return calendars.get(id);
    }

    /** Validates the raw catalogue and compiles each regime, in dependency order. */
    private static final class Compiler {
        private final CatalogueFile file;
        private final Map<String, HolidayCalendar> calendars;
        private final List<String> errors;
        private final Map<String, Set<String>> groups = new HashMap<>();

        Compiler(CatalogueFile file, Map<String, HolidayCalendar> calendars, List<String> errors) {
            this.file = file;
            this.calendars = calendars;
            this.errors = errors;
        }

        List<RegimeRule> compile() {
            if (file.version() == null || file.version().isBlank()) {
                errors.add("version is missing");
            }
            if (file.countryGroups() != null) {
                file.countryGroups().forEach((group, members) -> {
                    for (String member : members) {
                        if (!Countries.isCountry(member)) {
                            errors.add("countryGroups." + group + ": '" + member + "' is not an ISO 3166-1 alpha-2 code");
                        }
                    }
                    groups.put(group, Set.copyOf(members));
                });
            }
            if (file.regimes() == null || file.regimes().isEmpty()) {
                errors.add("regimes is empty");
                return List.of();
            }
            Set<String> ids = new HashSet<>();
            for (Regime regime : file.regimes()) {
                if (regime.id() != null && !ids.add(regime.id())) {
                    errors.add("regimes: id " + regime.id() + " appears twice");
                }
            }
            Map<String, RegimeRule> compiled = new LinkedHashMap<>();
            for (int i = 0; i < file.regimes().size(); i++) {
                Regime regime = file.regimes().get(i);
                String where = "regimes[" + i + "]" + (regime.id() == null ? "" : " " + regime.id());
                RegimeRule rule = compile(where, regime, ids);
                if (rule != null) {
                    compiled.put(rule.id(), rule);
                }
            }
            return errors.isEmpty() ? dependencyOrder(compiled) : List.of();
        }

        private RegimeRule compile(String where, Regime regime, Set<String> ids) {
            int before = errors.size();
            if (regime.id() == null || !ID.matcher(regime.id()).matches()) {
                errors.add(where + ": id must match " + ID.pattern());
            }
            requireText(where, "recipient", regime.recipient());
            requireText(where, "citation", regime.citation());
            TriggerKey trigger = trigger(where + ": trigger", regime.trigger(), ids);
            checkPeriod(where + ": period", regime.period());
            HolidayCalendar calendar = null;
            boolean businessDays = regime.period() != null && regime.period().unit() == PeriodUnit.BUSINESS_DAYS
                    || regime.variants() != null && regime.variants().stream()
                            .anyMatch(v -> v.period() != null && v.period().unit() == PeriodUnit.BUSINESS_DAYS);
            if (regime.calendar() != null) {
                calendar = calendars.get(regime.calendar());
                if (calendar == null) {
                    errors.add(where + ": calendar '" + regime.calendar() + "' is not a known holiday calendar");
                }
            } else if (businessDays) {
                errors.add(where + ": business days need a calendar");
            }
            ZoneId zone = null;
            if (regime.timezone() != null) {
                try {
                    zone = ZoneId.of(regime.timezone());
                } catch (RuntimeException e) {
                    errors.add(where + ": timezone '" + regime.timezone() + "' is not an IANA time zone");
                }
            }
            LocalTime dueTime = time(where + ": dueTime", regime.dueTime());
            List<RegimeRule.Check> conditions = conditions(where + ": conditions", regime.conditions());
            List<RegimeRule.CompiledVariant> variants = new ArrayList<>();
            if (regime.variants() != null) {
                for (int v = 0; v < regime.variants().size(); v++) {
                    Variant variant = regime.variants().get(v);
                    String at = where + ": variants[" + v + "]";
                    if (variant.period() == null && variant.anchor() == null) {
                        errors.add(at + ": changes neither period nor anchor");
                    }
                    if (variant.period() != null) {
                        checkPeriod(at + ".period", variant.period());
                    }
                    variants.add(new RegimeRule.CompiledVariant(conditions(at + ".when", variant.when()),
                            variant.period(), variant.anchor()));
                }
            }
            RegimeRule.CompiledCap cap = null;
            if (regime.cap() != null) {
                TriggerKey capTrigger = trigger(where + ": cap.trigger", regime.cap().trigger(), ids);
                checkPeriod(where + ": cap.period", regime.cap().period());
                if (regime.cap().period() != null && regime.cap().period().unit() == PeriodUnit.ASAP) {
                    errors.add(where + ": cap.period cannot be ASAP");
                }
                cap = new RegimeRule.CompiledCap(capTrigger, regime.cap().period());
            }
            RegimeRule.CompiledRelief relief = null;
            if (regime.relief() != null) {
                String reliefCalendar = regime.relief().calendar();
                if (reliefCalendar == null || !MEMBER_STATE.equals(reliefCalendar) && !calendars.containsKey(reliefCalendar)) {
                    errors.add(where + ": relief.calendar must be " + MEMBER_STATE + " or a known holiday calendar");
                }
                LocalTime reliefTime = time(where + ": relief.time", regime.relief().time());
                if (reliefTime == null) {
                    errors.add(where + ": relief.time is missing");
                }
                relief = new RegimeRule.CompiledRelief(reliefCalendar, reliefTime,
                        regime.relief().unlessFlags() == null || regime.relief().unlessFlags().isEmpty()
                                ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(regime.relief().unlessFlags()));
            }
            if (errors.size() > before) {
                return null;
            }
            return new RegimeRule(regime.id(), regime.recipient(), trigger, regime.period(), calendar, zone, dueTime,
                    conditions, variants, cap, relief, regime.phased(), regime.citation(), regime.notes());
        }

        private void requireText(String where, String field, String value) {
            if (value == null || value.isBlank()) {
                errors.add(where + ": " + field + " is missing");
            }
        }

        private TriggerKey trigger(String where, String name, Set<String> ids) {
            try {
                TriggerKey key = TriggerKey.parse(name);
                if (key.regime() != null && !ids.contains(key.regime())) {
                    errors.add(where + ": REPORT_SUBMITTED names an unknown regime " + key.regime());
                }
                return key;
            } catch (IllegalArgumentException e) {
                errors.add(where + ": " + e.getMessage());
                return null;
            }
        }

        private void checkPeriod(String where, Period period) {
            if (period == null || period.unit() == null) {
                errors.add(where + " needs a unit (" + java.util.Arrays.toString(PeriodUnit.values()) + ")");
                return;
            }
            if (period.unit() == PeriodUnit.ASAP) {
                if (period.amount() != null) {
                    errors.add(where + ": ASAP takes no amount");
                }
            } else if (period.amount() == null || period.amount() <= 0) {
                errors.add(where + ": amount must be a positive number");
            }
        }

        private LocalTime time(String where, String value) {
            if (value == null) {
                return null;
            }
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(where + " '" + value + "' is not a time (HH:MM)");
                return null;
            }
        }

        private List<RegimeRule.Check> conditions(String where, List<Condition> conditions) {
            if (conditions == null) {
                return List.of();
            }
            List<RegimeRule.Check> checks = new ArrayList<>();
            for (int c = 0; c < conditions.size(); c++) {
                RegimeRule.Check check = condition(where + "[" + c + "]", conditions.get(c));
                if (check != null) {
                    checks.add(check);
                }
            }
            return checks;
        }

        private RegimeRule.Check condition(String where, Condition condition) {
            if (condition.type() == null) {
                errors.add(where + ": type is missing");
                return null;
            }
            return switch (condition.type()) {
                case POPULATION -> population(where, condition);
                case FLAG, NOT_FLAG -> {
                    if (condition.flags() == null || condition.flags().isEmpty()) {
                        errors.add(where + ": flags is empty");
                        yield null;
                    }
                    Set<Flag> flags = EnumSet.copyOf(condition.flags());
                    boolean wanted = condition.type() == CatalogueFile.ConditionType.FLAG;
                    yield (situation, counts) -> flags.stream().anyMatch(situation.flags()::contains) == wanted;
                }
                case ESTABLISHMENT -> {
                    Set<String> countries = countries(where, condition.countries());
                    if (countries.isEmpty()) {
                        errors.add(where + ": countries is empty");
                    }
                    yield (situation, counts) -> situation.establishments().stream().anyMatch(countries::contains);
                }
                case DATA_CATEGORY -> {
                    if (condition.categories() == null || condition.categories().isEmpty()) {
                        errors.add(where + ": categories is empty");
                        yield null;
                    }
                    var categories = EnumSet.copyOf(condition.categories());
                    yield (situation, counts) -> situation.dataCategories().stream().anyMatch(categories::contains);
                }
                case HIGH_RISK -> (situation, counts) -> situation.highRisk();
                case RISK_NOT_UNLIKELY -> (situation, counts) -> !Situation.RISK_UNLIKELY.equals(situation.riskLevel());
                case ANY -> {
                    List<RegimeRule.Check> any = conditions(where + ".anyOf", condition.anyOf());
                    if (any.isEmpty()) {
                        errors.add(where + ": anyOf is empty");
                    }
                    yield (situation, counts) -> any.stream().anyMatch(check -> check.holds(situation, counts));
                }
            };
        }

        private RegimeRule.Check population(String where, Condition condition) {
            long min = condition.min() == null ? 1 : condition.min();
            long max = condition.max() == null ? Long.MAX_VALUE : condition.max();
            if (min < 0 || max < min) {
                errors.add(where + ": needs 0 <= min <= max");
            }
            boolean largestRegion = condition.aggregate() == CatalogueFile.Aggregate.MAX_REGION;
            if (condition.regions() != null && !condition.regions().isEmpty()) {
                if (condition.countries() != null && !condition.countries().isEmpty()) {
                    errors.add(where + ": give countries or regions, not both");
                }
                for (String region : condition.regions()) {
                    if (!Countries.isRegion(region)) {
                        errors.add(where + ": '" + region + "' is not an ISO 3166-2 region");
                    }
                }
                List<String> regions = List.copyOf(condition.regions());
                return (situation, counts) -> {
                    long count = 0;
                    for (String region : regions) {
                        count = largestRegion ? Math.max(count, counts.region(region)) : count + counts.region(region);
                    }
                    return count >= min && count <= max;
                };
            }
            if (condition.countries() == null || condition.countries().isEmpty()) {
                if (largestRegion) {
                    errors.add(where + ": MAX_REGION needs countries");
                }
                return (situation, counts) -> counts.total() >= min && counts.total() <= max;
            }
            List<String> countries = List.copyOf(countries(where, condition.countries()));
            return (situation, counts) -> {
                long count = 0;
                for (String country : countries) {
                    count = largestRegion ? Math.max(count, counts.largestRegion(country)) : count + counts.country(country);
                }
                return count >= min && count <= max;
            };
        }

        private Set<String> countries(String where, List<String> names) {
            Set<String> countries = new HashSet<>();
            if (names == null) {
                return countries;
            }
            for (String name : names) {
                if (name.startsWith("@")) {
                    Set<String> group = groups.get(name.substring(1));
                    if (group == null) {
                        errors.add(where + ": country group " + name + " is not defined");
                    } else {
                        countries.addAll(group);
                    }
                } else if (Countries.isCountry(name)) {
                    countries.add(name);
                } else {
                    errors.add(where + ": '" + name + "' is not an ISO 3166-1 alpha-2 code");
                }
            }
            return countries;
        }

        private List<RegimeRule> dependencyOrder(Map<String, RegimeRule> compiled) {
            List<RegimeRule> ordered = new ArrayList<>();
            Set<String> done = new HashSet<>();
            Set<String> visiting = new HashSet<>();
            for (RegimeRule rule : compiled.values()) {
                visit(rule, compiled, done, visiting, ordered);
            }
            return ordered;
        }

        private void visit(RegimeRule rule, Map<String, RegimeRule> compiled, Set<String> done, Set<String> visiting,
                List<RegimeRule> ordered) {
            if (done.contains(rule.id())) {
                return;
            }
            if (!visiting.add(rule.id())) {
                errors.add("regimes: " + rule.id() + " depends on itself through REPORT_SUBMITTED triggers");
                return;
            }
            for (TriggerKey key : rule.triggerKeys()) {
                if (key.regime() != null && compiled.containsKey(key.regime())) {
                    visit(compiled.get(key.regime()), compiled, done, visiting, ordered);
                }
            }
            visiting.remove(rule.id());
            done.add(rule.id());
            ordered.add(rule);
        }
    }
}
