package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesRowReaderTest {
    @Test
    void readsObjectsWithExactNumbersAndReportsEachBadLine() throws Exception {
        List<ParsedRow> rows = Rows.read(FileFormat.JSON_LINES, Rows.resource("readings.jsonl"));

        assertThat(Rows.validLines(rows)).containsExactly(1L, 8L);
        assertThat(Rows.valid(rows))
                .containsExactly(
                        new Row("sensor-1", LocalDate.of(2026, 11, 28), new BigDecimal("21.50")),
                        new Row("sensor-4", LocalDate.of(2026, 11, 30), new BigDecimal("7")));
        assertThat(Rows.valid(rows).get(0).value().scale()).isEqualTo(2);
        assertThat(Rows.problems(rows))
                .containsExactly(
                        "2: value must be a JSON number but is a string",
                        "3: name must be a JSON string but is a number",
                        "5: value is outside DynamoDB's number range (38 significant digits, magnitude 1E-130 to"
                                + " 9.99E+125)",
                        "6: is not valid JSON (at column 1)",
                        "7: is not a JSON object");
    }

    @Test
    void namesEveryMissingOrMistypedField() throws Exception {
        List<ParsedRow> rows = Rows.read(
                FileFormat.JSON_LINES,
                "{}\n{\"name\":\" \",\"date\":null,\"value\":true}\n{\"name\":\"a\",\"date\":[2026],\"value\":1}"
                        + " {\"trailing\":1}\n");

        assertThat(Rows.problems(rows))
                .containsExactly(
                        "1: name is missing; date is missing; value is missing",
                        "2: name is blank; date is missing; value must be a JSON number but is a boolean",
                        "3: is not valid JSON (at column 38)");
    }

    @Test
    void anEmptyFileHasNoRows() throws Exception {
        assertThat(Rows.read(FileFormat.JSON_LINES, "")).isEmpty();
        assertThat(Rows.read(FileFormat.JSON_LINES, "\n\n")).isEmpty();
    }
}
