package org.candor.compliance.rest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.candor.compliance.service.AuditCheckpoints;
import org.candor.platform.rest.CsvCells;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Writes the breach register as CSV (RFC 4180: comma, double quotes, CRLF): one row per incident and obligation,
 * and one row with empty regime columns for an incident without obligations, so every incident appears. Every row
 * ends with the audit chain's latest signed checkpoint (the same on each row, so a reader that keeps only some rows
 * keeps it too); a register without incidents has one row with only those columns.
 */
final class BreachRegisterCsv {

    static final List<String> COLUMNS = List.of("incidentId", "title", "severity", "detectedAt", "awareAt",
            "dataCategories", "affectedPeople", "riskLevel", "highRisk", "notified", "peopleTold", "firstToldAt",
            "lastToldAt", "regime", "recipient", "status", "dueAt", "asap", "filedAt", "reference", "filings", "late",
            "lateReason", "notRequiredJustification", "checkpointEntries", "checkpointHeadSeq", "checkpointHeadHash",
            "checkpointAt", "checkpointKeyId", "checkpointSignature");
    private static final int CHECKPOINT_COLUMNS = 6;

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = COLUMNS.stream()
            .reduce(CsvSchema.builder(), CsvSchema.Builder::addColumn, (a, b) -> a).build()
            .withHeader().withLineSeparator("\r\n");

    private BreachRegisterCsv() {
    }

    static String write(List<RegisterEntryView> entries, Optional<AuditCheckpoints.Signed> checkpoint) {
        List<String> checkpointCells = checkpoint.map(c -> List.of(Long.toString(c.entries()),
                Long.toString(c.headSeq()), c.headHash(), c.createdAt().toString(), c.keyId(), c.signature()))
                .orElse(java.util.Collections.nCopies(CHECKPOINT_COLUMNS, ""));
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = MAPPER.writer(SCHEMA).writeValues(out)) {
            for (RegisterEntryView entry : entries) {
                List<RegisterEntryView.RegimeOutcome> regimes = entry.regimes().isEmpty()
                        ? java.util.Collections.singletonList(null) : entry.regimes();
                for (RegisterEntryView.RegimeOutcome regime : regimes) {
                    writer.write(row(entry, regime, checkpointCells));
                }
            }
            if (entries.isEmpty() && checkpoint.isPresent()) {
                List<String> cells = new ArrayList<>(java.util.Collections.nCopies(COLUMNS.size() - CHECKPOINT_COLUMNS, ""));
                cells.addAll(checkpointCells);
                writer.write(cells.stream().map(BreachRegisterCsv::neutralise).toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String[] row(RegisterEntryView entry, RegisterEntryView.RegimeOutcome regime,
            List<String> checkpointCells) {
        List<Object> cells = new ArrayList<>(List.of(entry.incidentId(), text(entry.title()), entry.severity(),
                entry.detectedAt(), entry.awareAt(), String.join(";", entry.dataCategories()),
                cell(entry.affectedPeople()), cell(entry.riskLevel()), entry.highRisk(), entry.notified(),
                entry.peopleTold(), cell(entry.firstToldAt()), cell(entry.lastToldAt())));
        if (regime == null) {
            COLUMNS.subList(cells.size(), COLUMNS.size() - CHECKPOINT_COLUMNS).forEach(column -> cells.add(""));
        } else {
            cells.addAll(List.of(regime.regime(), text(regime.recipient()), regime.status(), cell(regime.dueAt()),
                    regime.asap(), cell(regime.filedAt()), text(regime.reference()), regime.filings(), regime.late(),
                    text(regime.lateReason()), text(regime.justification())));
        }
        cells.addAll(checkpointCells);
        return cells.stream().map(BreachRegisterCsv::neutralise).toArray(String[]::new);
    }

    private static String cell(Object value) {
        return value == null ? "" : value instanceof Instant instant ? instant.toString() : value.toString();
    }

    private static String text(String value) {
        return Objects.requireNonNullElse(value, "");
    }

    /** People write titles, references and justifications: a cell a spreadsheet would run as a formula is defused. */
    static String neutralise(Object value) {
        return CsvCells.neutralise(cell(value));
    }
}
