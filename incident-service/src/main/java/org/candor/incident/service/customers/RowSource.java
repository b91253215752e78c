package org.candor.incident.service.customers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Reads an import one row at a time, with constant memory, remembering each row's line. */
abstract class RowSource implements Iterator<RowSource.RawRow> {

    /** A row as read: its line in the file and its values by column, or why it could not be read. */
    record RawRow(long line, Map<String, String> values, String unreadable) {
    }

    static RowSource csv(InputStream in) {
        return new Csv(in);
    }

    static RowSource ndjson(InputStream in, ObjectMapper json) {
        return new Ndjson(in, json);
    }

    /** CSV with a header line; columns are matched by name. */
    private static final class Csv extends RowSource {

        private final MappingIterator<Map<String, String>> rows;
        private long line = 1;

        Csv(InputStream in) {
            try {
                CsvMapper mapper = new CsvMapper();
                mapper.enable(CsvParser.Feature.TRIM_SPACES);
                mapper.enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS);
                this.rows = mapper.readerForMapOf(String.class)
                        .with(CsvSchema.emptySchema().withHeader().withStrictHeaders(false))
                        .readValues(new InputStreamReader(in, StandardCharsets.UTF_8));
                CsvSchema header = (CsvSchema) rows.getParser().getSchema();
                Set<String> columns = new HashSet<>();
                header.forEach(column -> columns.add(column.getName()));
                checkHeader(columns);
            } catch (IOException e) {
                throw new ProblemException(Problem.invalid("The CSV header cannot be read: " + e.getMessage(),
                        List.of(new Problem.FieldError(null, 1L, "unreadable header"))));
            }
        }

        @Override
        public boolean hasNext() {
            try {
                return rows.hasNextValue();
            } catch (IOException e) {
                throw new ProblemException(Problem.invalid("The CSV cannot be read after line " + line,
                        List.of(new Problem.FieldError(null, line + 1, e.getMessage()))));
            }
        }

        @Override
        public RawRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            line++;
            try {
                return new RawRow(line, rows.nextValue(), null);
            } catch (IOException | RuntimeException e) {
                return new RawRow(line, Map.of(), "the row cannot be read: " + e.getMessage());
            }
        }
    }

    /** One JSON object per line. */
    private static final class Ndjson extends RowSource {

        private final BufferedReader reader;
        private final ObjectMapper json;
        private String nextLine;
        private long line;
        private long nextLineNumber;

        Ndjson(InputStream in, ObjectMapper json) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            this.json = json;
        }

        @Override
        public boolean hasNext() {
            try {
                while (nextLine == null) {
                    String read = reader.readLine();
                    if (read == null) {
                        return false;
                    }
                    nextLineNumber++;
                    if (!read.isBlank()) {
                        nextLine = read;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public RawRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String text = nextLine;
            nextLine = null;
            line = nextLineNumber;
            try {
                JsonNode node = json.readTree(text);
                if (!node.isObject()) {
                    return new RawRow(line, Map.of(), "the line is not a JSON object");
                }
                Map<String, String> values = new HashMap<>();
                Set<String> unknown = new TreeSet<>();
                node.fields().forEachRemaining(field -> {
                    if (!CustomerRowValidator.COLUMNS.contains(field.getKey())) {
                        unknown.add(field.getKey());
                    } else if (!field.getValue().isNull()) {
                        values.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                                : field.getValue().toString());
                    }
                });
                if (!unknown.isEmpty()) {
                    return new RawRow(line, Map.of(), "unknown fields " + unknown);
                }
                return new RawRow(line, values, null);
            } catch (JsonProcessingException e) {
                return new RawRow(line, Map.of(), "the line is not valid JSON: " + e.getOriginalMessage());
            }
        }
    }

    static void checkHeader(Set<String> columns) {
        Set<String> unknown = new TreeSet<>(columns);
        unknown.removeAll(CustomerRowValidator.COLUMNS);
        Set<String> missing = new TreeSet<>(CustomerRowValidator.REQUIRED_COLUMNS);
        missing.removeAll(columns);
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            List<Problem.FieldError> errors = new java.util.ArrayList<>();
            unknown.forEach(column -> errors.add(new Problem.FieldError(column, 1L, "unknown column")));
            missing.forEach(column -> errors.add(new Problem.FieldError(column, 1L, "required column is missing")));
            throw new ProblemException(Problem.invalid("The CSV header must name the columns "
                    + new TreeSet<>(CustomerRowValidator.COLUMNS) + "; nothing was imported", errors));
        }
    }
}
