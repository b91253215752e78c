package org.candor.feedback.rest;

import org.candor.platform.rest.CsvCells;

/** RFC 4180 cells; formulas are defused so a spreadsheet never executes a cell (see {@link CsvCells}). */
final class Csv {

    private Csv() {
    }

    static String cell(Object value) {
        return CsvCells.cell(value);
    }
}
