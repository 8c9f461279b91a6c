package io.github.dynastream.examples.s3ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads whole (small) test files through the row readers, and the test resources. */
final class Rows {
    private Rows() {}

    static List<ParsedRow> read(FileFormat format, String text, IngestOptions options) throws Exception {
        RowReader reader = format.open(new StringReader(text), options);
        List<ParsedRow> rows = new ArrayList<>();
        for (Optional<ParsedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
            rows.add(row.get());
        }
        return rows;
    }

    static List<ParsedRow> read(FileFormat format, String text) throws Exception {
        return read(format, text, IngestOptions.defaults());
    }

    static String resource(String name) {
        try (InputStream in = Rows.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "line: problem; problem" for each invalid row, to compare in one assertion. */
    static List<String> problems(List<ParsedRow> rows) {
        return rows.stream()
                .filter(ParsedRow.Invalid.class::isInstance)
                .map(ParsedRow.Invalid.class::cast)
                .map(row -> row.line() + ": "
                        + String.join(
                                "; ",
                                row.problems().stream()
                                        .map(RowProblem::toString)
                                        .toList()))
                .toList();
    }

    static List<Row> valid(List<ParsedRow> rows) {
        return rows.stream()
                .filter(ParsedRow.Valid.class::isInstance)
                .map(row -> ((ParsedRow.Valid) row).row())
                .toList();
    }

    static List<Long> validLines(List<ParsedRow> rows) {
        return rows.stream()
                .filter(ParsedRow.Valid.class::isInstance)
                .map(ParsedRow::line)
                .toList();
    }
}
