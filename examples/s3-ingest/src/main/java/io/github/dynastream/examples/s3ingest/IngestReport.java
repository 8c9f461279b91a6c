package io.github.dynastream.examples.s3ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one uploaded file: how many rows were written and how many were invalid, the first
 * invalid rows with their line numbers and reasons (at most {@link IngestOptions#maxReportedRows()}),
 * and, for a file that was not read to its end, why.
 *
 * <pre>{@code
 * IngestReport report = ingest.ingest(new UploadedObject("uploads", "incoming/readings.csv", OptionalLong.of(120)));
 * if (report.status() != IngestReport.Status.INGESTED) { ... report.toJsonLines() ... }
 * }</pre>
 *
 * @param bucket the object's bucket
 * @param key the object's key
 * @param format the file type, empty if it was not recognised
 * @param status the outcome
 * @param writtenRows rows written to the table
 * @param invalidRows rows not written because they are invalid
 * @param reportedRows the first invalid rows
 * @param problem why the file was rejected or stopped, empty otherwise
 */
public record IngestReport(
        String bucket,
        String key,
        Optional<FileFormat> format,
        Status status,
        long writtenRows,
        long invalidRows,
        List<ParsedRow.Invalid> reportedRows,
        Optional<String> problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome for a file. */
    public enum Status {
        /** Every row was valid and written. */
        INGESTED,
        /** The valid rows were written; some rows were invalid. */
        INGESTED_WITH_INVALID_ROWS,
        /** Nothing was written: not a CSV or JSON Lines file, empty, too large, or a bad CSV header. */
        REJECTED,
        /** The file could not be read to its end (it is not UTF-8 text); the rows before were written. */
        STOPPED
    }

    public IngestReport {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(status, "status");
        reportedRows = List.copyOf(reportedRows);
        Objects.requireNonNull(problem, "problem");
    }

    /** A file of which nothing was written. */
    static IngestReport rejected(String bucket, String key, Optional<FileFormat> format, String why) {
        return new IngestReport(bucket, key, format, Status.REJECTED, 0, 0, List.of(), Optional.of(why));
    }

    /** Whether someone should look at the file: some rows, or the whole file, were not ingested. */
    public boolean needsAttention() {
        return status != Status.INGESTED;
    }

    /**
     * The report as JSON Lines: a summary line, then one line per reported row, e.g. {@code
     * {"line":4,"problems":[{"field":"date","reason":"is not an ISO-8601 date (yyyy-MM-dd)"}]}}. A
     * row's text is included only if it was kept ({@link IngestOptions#reportRowValues()}).
     */
    public String toJsonLines() {
        StringBuilder out = new StringBuilder();
        ObjectNode summary = JSON.createObjectNode()
                .put("bucket", bucket)
                .put("key", key)
                .put("format", format.map(Enum::name).orElse(null))
                .put("status", status.name())
                .put("writtenRows", writtenRows)
                .put("invalidRows", invalidRows)
                .put("reportedRows", reportedRows.size());
        problem.ifPresent(why -> summary.put("problem", why));
        append(out, summary);
        for (ParsedRow.Invalid row : reportedRows) {
            ObjectNode line = JSON.createObjectNode().put("line", row.line());
            ArrayNode problems = line.putArray("problems");
            for (RowProblem problem : row.problems()) {
                ObjectNode entry = problems.addObject();
                problem.fieldName().ifPresent(field -> entry.put("field", field));
                entry.put("reason", problem.reason());
            }
            row.text().ifPresent(text -> line.put("text", text));
            append(out, line);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, ObjectNode node) {
        try {
            out.append(JSON.writeValueAsString(node)).append('\n');
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
