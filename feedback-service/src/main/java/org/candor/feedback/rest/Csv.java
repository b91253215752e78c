package org.candor.feedback.rest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.candor.platform.rest.CsvCells;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV exports (RFC 4180: comma, double quotes, CRLF) written by Jackson CSV; cells a spreadsheet would run as
 * a formula are defused (see {@link CsvCells}), empty values are empty cells.
 */
final class Csv {

    private static final CsvMapper MAPPER = new CsvMapper();

    private Csv() {
    }

    /** A header line of {@code columns}, then one line per row (each as many cells as there are columns). */
    static String write(List<String> columns, List<Object[]> rows) {
        CsvSchema schema = columns.stream().reduce(CsvSchema.builder(), CsvSchema.Builder::addColumn, (a, b) -> a)
                .build().withHeader().withLineSeparator("\r\n");
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = MAPPER.writer(schema).writeValues(out)) {
            for (Object[] row : rows) {
                String[] cells = new String[row.length];
                for (int i = 0; i < row.length; i++) {
                    cells[i] = CsvCells.neutralise(row[i]);
                }
                writer.write(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
