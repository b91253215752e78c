package org.candor.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd"})
    void textAFormulaWouldStartWithIsPrefixedWithAnApostrophe(String text) {
        assertThat(CsvCells.neutralise(text)).isEqualTo("'" + text);
    }

    @Test
    void negativeNumbersStayNumbers() {
        assertThat(CsvCells.cell(-20)).isEqualTo("-20");
    }

    @Test
    void aDefusedCellWithALineBreakIsQuoted() {
        assertThat(CsvCells.cell("\rA,B")).isEqualTo("\"'\rA,B\"");
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(CsvCells.cell("Portal breach")).isEqualTo("Portal breach");
    }
}
