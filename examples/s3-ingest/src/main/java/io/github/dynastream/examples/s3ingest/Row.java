package io.github.dynastream.examples.s3ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One valid row of an uploaded file: the fields every file must have, with their types.
 *
 * <pre>{@code
 * Row row = new Row("sensor-7", LocalDate.parse("2026-11-30"), new BigDecimal("21.5"));
 * }</pre>
 *
 * @param name a non-blank name
 * @param date an ISO-8601 calendar date
 * @param value a decimal number that DynamoDB can store exactly
 */
public record Row(String name, LocalDate date, BigDecimal value) {
    public Row {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(value, "value");
    }
}
