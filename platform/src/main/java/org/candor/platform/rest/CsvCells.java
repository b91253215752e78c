package org.candor.platform.rest;

/**
 * Cells of every CSV export (RFC 4180). A spreadsheet runs a cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return as a formula, so such text is prefixed with an apostrophe;
 * numbers (a negative NPS) stay numbers.
 */
public final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {
    }

    /** The value's text, defused if a spreadsheet would read it as a formula; {@code null} is empty. */
    public static String neutralise(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof Number || text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return "'" + text;
    }

    /** A defused cell, quoted when it holds a comma, a quote or a line break. */
    public static String cell(Object value) {
        String text = neutralise(value);
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
