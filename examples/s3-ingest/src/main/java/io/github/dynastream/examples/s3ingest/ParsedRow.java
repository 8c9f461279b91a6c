package io.github.dynastream.examples.s3ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of a file after parsing and validation: a valid {@link Row} or the reasons it is not one.
 *
 * <pre>{@code
 * if (parsed instanceof ParsedRow.Invalid invalid) {
 *     System.out.println("line " + invalid.line() + ": " + invalid.problems());
 * }
 * }</pre>
 */
public sealed interface ParsedRow {
    /** The row's line number in the file, 1 for the first line (a CSV file's header). */
    long line();

    /**
     * A row with every required field, of the right type.
     *
     * @param line its line number
     * @param row the row
     */
    record Valid(long line, Row row) implements ParsedRow {
        public Valid {
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * A row that is not written.
     *
     * @param line its line number
     * @param problems what is wrong with it, at least one
     * @param text the line as read, kept only when {@link IngestOptions#reportRowValues()} is on
     */
    record Invalid(long line, List<RowProblem> problems, Optional<String> text) implements ParsedRow {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid row needs a problem; line [" + line + "] has none");
            }
            Objects.requireNonNull(text, "text");
        }
    }
}
