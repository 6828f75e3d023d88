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
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("+1")).isEqualTo("'+1");
        assertThat(Csv.field("-2")).isEqualTo("'-2");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("a=b")).isEqualTo("a=b");
        assertThat(Csv.field("")).isEmpty();
    }
}
