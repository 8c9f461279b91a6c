package io.github.dynastream.examples.s3ingest;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a row is invalid: the field at fault (empty when the row as a whole is, e.g. a CSV row with
 * too few fields) and the reason, which never quotes the row's values.
 *
 * <pre>{@code
 * RowProblem problem = new RowProblem("date", "is not an ISO-8601 date (yyyy-MM-dd)");
 * problem.toString(); // "date is not an ISO-8601 date (yyyy-MM-dd)"
 * }</pre>
 *
 * @param field the field's name, or {@code null} for the whole row
 * @param reason what is wrong, e.g. {@code "is not an ISO-8601 date (yyyy-MM-dd)"}
 */
public record RowProblem(String field, String reason) {
    public RowProblem {
        Objects.requireNonNull(reason, "reason");
    }

    /** A problem of the whole row. */
    public static RowProblem ofRow(String reason) {
        return new RowProblem(null, reason);
    }

    /** The field at fault, empty when the problem is the whole row's. */
    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    @Override
    public String toString() {
        return field == null ? reason : field + " " + reason;
    }
}
