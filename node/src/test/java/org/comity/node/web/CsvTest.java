package org.comity.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsWithSeparatorsQuotesOrLineBreaksAreQuotedAndQuotesDoubled() {
        StringBuilder out = new StringBuilder();
        Csv.row(out, "plain", "a,b", "say \"no\"", "two\nlines", null, 42);
        assertThat(out).hasToString("plain,\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",,42\r\n");
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-2")).isEqualTo("'-2");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("a=b")).isEqualTo("a=b");
        assertThat(Csv.cell("")).isEmpty();
        assertThat(Csv.cell(-3)).as("a number is a number").isEqualTo("-3");
    }
}
