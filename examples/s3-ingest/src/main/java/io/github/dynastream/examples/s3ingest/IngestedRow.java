package io.github.dynastream.examples.s3ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A row as it is stored in the table, and as the notification function reads it back from the
 * stream's new image. The key is the file and the line the row came from (partition key {@code
 * file}, sort key {@code line}), so writing the same file again writes the same items: a retried
 * invocation never duplicates a row.
 *
 * <pre>{@code
 * IngestedRow item = IngestedRow.of("uploads/incoming/readings.csv", 2, row);
 * }</pre>
 *
 * @param file the bucket and object key, {@code bucket/key}
 * @param line the row's line number in the file, 1 for the first line
 * @param name the row's name
 * @param date the row's date
 * @param value the row's value, exactly as written in the file
 */
public record IngestedRow(String file, long line, String name, LocalDate date, BigDecimal value) {
    public IngestedRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(value, "value");
    }

    /** The item for a row read from a file at a line. */
    public static IngestedRow of(String file, long line, Row row) {
        return new IngestedRow(file, line, row.name(), row.date(), row.value());
    }
}
