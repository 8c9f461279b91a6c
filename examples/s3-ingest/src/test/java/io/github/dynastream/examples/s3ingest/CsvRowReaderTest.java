package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {
    @Test
    void readsQuotedFieldsWithCommasAndDoubledQuotesAndKeepsNumbersExact() throws Exception {
        List<ParsedRow> rows = Rows.read(FileFormat.CSV, Rows.resource("readings.csv"));

        assertThat(Rows.problems(rows)).isEmpty();
        assertThat(Rows.validLines(rows)).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(Rows.valid(rows))
                .containsExactly(
                        new Row("sensor-1", LocalDate.of(2026, 11, 28), new BigDecimal("21.5")),
                        new Row("sensor-2", LocalDate.of(2026, 11, 28), new BigDecimal("-3")),
                        new Row("boiler, north", LocalDate.of(2026, 11, 29), new BigDecimal("65.25")),
                        new Row("the \"old\" meter", LocalDate.of(2026, 11, 29), new BigDecimal("1E+3")),
                        new Row("sensor-3", LocalDate.of(2026, 11, 30), new BigDecimal("0.000001")));
    }

    @Test
    void reportsEachBadRowWithItsLineNumberAndReasonAndNoValue() throws Exception {
        List<ParsedRow> rows = Rows.read(FileFormat.CSV, Rows.resource("readings-bad.csv"));

        assertThat(Rows.validLines(rows)).containsExactly(2L, 10L);
        assertThat(Rows.problems(rows))
                .containsExactly(
                        "3: name is blank",
                        "4: date is not an ISO-8601 date (yyyy-MM-dd)",
                        "5: value is not a decimal number",
                        "7: date is not an ISO-8601 date (yyyy-MM-dd); value is outside DynamoDB's number range"
                                + " (38 significant digits, magnitude 1E-130 to 9.99E+125)",
                        "8: has 2 field(s) but the header has 3",
                        "9: has an unterminated quoted field 1 (a quoted field cannot span lines)",
                        "11: has a quote inside unquoted field 1 (quote the field and double the quote)");
        assertThat(rows)
                .filteredOn(ParsedRow.Invalid.class::isInstance)
                .allSatisfy(row -> assertThat(((ParsedRow.Invalid) row).text()).isEmpty());
        assertThat(String.join("\n", Rows.problems(rows))).doesNotContain("28/11/2026", "twelve", "sen\"sor");
    }

    @Test
    void keepsTheTextOfInvalidRowsOnlyWhenConfigured() throws Exception {
        List<ParsedRow> rows = Rows.read(
                FileFormat.CSV,
                "name,date,value\nsensor-2,28/11/2026,4\n",
                IngestOptions.defaults().withReportRowValues(true));

        assertThat(((ParsedRow.Invalid) rows.get(0)).text()).contains("sensor-2,28/11/2026,4");
    }

    @Test
    void findsTheColumnsByTheHeaderInAnyOrderAndCaseAndIgnoresOthers() throws Exception {
        List<ParsedRow> rows = Rows.read(FileFormat.CSV, " Value ,unit,NAME,Date\r\n7,C,pump,2026-11-30\r\n");

        assertThat(Rows.valid(rows)).containsExactly(new Row("pump", LocalDate.of(2026, 11, 30), new BigDecimal("7")));
    }

    @Test
    void aHeaderOnlyFileHasNoRows() throws Exception {
        assertThat(Rows.read(FileFormat.CSV, "name,date,value\n")).isEmpty();
        assertThat(Rows.read(FileFormat.CSV, "name,date,value")).isEmpty();
    }

    @Test
    void rejectsAnEmptyFileAndAHeaderWithoutTheRequiredColumns() {
        assertThatThrownBy(() -> Rows.read(FileFormat.CSV, ""))
                .isInstanceOf(RejectedFileException.class)
                .hasMessage("the file is empty; a CSV file starts with a header line");
        assertThatThrownBy(() -> Rows.read(FileFormat.CSV, "sensor-1,2026-11-28,21.5\n"))
                .isInstanceOf(RejectedFileException.class)
                .hasMessage("the header lacks the column(s) [name, date, value]; it needs [name, date, value]");
        assertThatThrownBy(() -> Rows.read(FileFormat.CSV, "name,date,value,Date\n"))
                .isInstanceOf(RejectedFileException.class)
                .hasMessage("the header names the column [date] twice");
        assertThatThrownBy(() -> Rows.read(FileFormat.CSV, "\nname,date,value\n"))
                .isInstanceOf(RejectedFileException.class)
                .hasMessage("the first line is blank; a CSV file starts with a header line");
    }

    @Test
    void dropsAByteOrderMarkAndCountsLinesAcrossCarriageReturnsAndBlankLines() throws Exception {
        List<ParsedRow> rows =
                Rows.read(FileFormat.CSV, "\uFEFFname,date,value\r\n\r\na,2026-11-30,1\rb,2026-11-30,x\n\n");

        assertThat(Rows.validLines(rows)).containsExactly(3L);
        assertThat(Rows.problems(rows)).containsExactly("4: value is not a decimal number");
    }

    @Test
    void aLineLongerThanTheLimitIsAnInvalidRowAndTheNextLineIsReadAsUsual() throws Exception {
        String longName = "x".repeat(200);
        List<ParsedRow> rows = Rows.read(
                FileFormat.CSV,
                "name,date,value\n" + longName + ",2026-11-30,1\nshort,2026-11-30,2\n",
                IngestOptions.defaults().withMaxLineLength(100).withReportRowValues(true));

        assertThat(Rows.problems(rows)).containsExactly("2: is longer than the line limit");
        assertThat(((ParsedRow.Invalid) rows.get(0)).text()).isEmpty();
        assertThat(Rows.valid(rows)).extracting(Row::name).containsExactly("short");
    }

    @Test
    void splitsQuotedFieldsAsRfc4180Says() {
        assertThat(split("a,\"b, c\",d")).containsExactly("a", "b, c", "d");
        assertThat(split("\"say \"\"hi\"\"\",,\"\"")).containsExactly("say \"hi\"", "", "");
        assertThat(split("\"a\" ,b")).containsExactly("a", "b");
        assertThat(split("")).containsExactly("");
    }

    private static List<String> split(String line) {
        List<String> fields = new java.util.ArrayList<>();
        assertThat(CsvRowReader.split(line, fields)).isNull();
        return fields;
    }
}
