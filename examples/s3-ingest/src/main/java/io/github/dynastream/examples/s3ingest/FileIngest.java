package io.github.dynastream.examples.s3ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ingest of one uploaded file, start to end: decide its type, stream it row by row, write the
 * valid rows to the table in chunks of {@value TableWriter#MAX_CHUNK}, and report the invalid ones.
 * At any moment it holds one line, one chunk of rows and the first reported invalid rows, whatever
 * the file's length.
 *
 * <pre>{@code
 * FileIngest ingest = FileIngest.of(
 *         new S3ObjectSource(s3), new DynamoDbTableWriter(dynamoDb, "IngestedRows"),
 *         new S3ReportSink(s3, "uploads", "reports/"));
 * IngestReport report = ingest.ingest(new UploadedObject("uploads", "incoming/readings.csv", OptionalLong.empty()));
 * }</pre>
 *
 * <p>A file that is not CSV or JSON Lines, is empty or too large, or whose CSV header lacks a column
 * is rejected with a report and nothing written: it is not an error of the function, and retrying
 * would not change it. Failures that a retry can fix (the object cannot be read, rows stay
 * unprocessed) are thrown. Immutable and thread-safe if its collaborators are.
 */
public final class FileIngest {
    private final ObjectSource source;
    private final TableWriter table;
    private final ReportSink reports;
    private final IngestOptions options;

    private FileIngest(ObjectSource source, TableWriter table, ReportSink reports, IngestOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.table = Objects.requireNonNull(table, "table");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** With {@link IngestOptions#defaults()}. */
    public static FileIngest of(ObjectSource source, TableWriter table, ReportSink reports) {
        return of(source, table, reports, IngestOptions.defaults());
    }

    /**
     * @param source where files are read from
     * @param table where valid rows go
     * @param reports where reports of files that need attention go
     * @param options limits and switches
     */
    public static FileIngest of(ObjectSource source, TableWriter table, ReportSink reports, IngestOptions options) {
        return new FileIngest(source, table, reports, options);
    }

    /**
     * Ingests one object, and writes its report if it {@linkplain IngestReport#needsAttention() needs
     * attention}.
     *
     * @return what became of it
     * @throws IOException if the object cannot be read
     * @throws UnprocessedItemsException if rows could not be written
     */
    public IngestReport ingest(UploadedObject object) throws IOException {
        IngestReport report = read(object);
        if (report.needsAttention()) {
            reports.write(report);
        }
        return report;
    }

    private IngestReport read(UploadedObject object) throws IOException {
        String bucket = object.bucket();
        String key = object.key();
        Optional<FileFormat> byKey = FileFormat.fromKey(key);
        long size = object.size().orElse(-1);
        if (size == 0) {
            return IngestReport.rejected(bucket, key, byKey, "the file is empty");
        }
        if (size > options.maxObjectBytes()) {
            return IngestReport.rejected(
                    bucket,
                    key,
                    byKey,
                    "the file has " + size + " bytes; the limit is " + options.maxObjectBytes()
                            + " (MAX_OBJECT_BYTES)");
        }
        try (ObjectSource.StoredObject stored = source.open(bucket, key)) {
            Optional<FileFormat> format = byKey.or(() -> stored.contentType().flatMap(FileFormat::fromContentType));
            if (format.isEmpty()) {
                return IngestReport.rejected(
                        bucket,
                        key,
                        format,
                        "not a CSV (.csv, text/csv) or JSON Lines (.jsonl, .ndjson, application/x-ndjson) file;"
                                + " its Content-Type is "
                                + stored.contentType()
                                        .map(type -> "[" + type + "]")
                                        .orElse("not set"));
            }
            Reader text = new BufferedReader(new InputStreamReader(
                    stored.content(),
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            return rows(object, format.get(), text);
        }
    }

    private IngestReport rows(UploadedObject object, FileFormat format, Reader text) throws IOException {
        String bucket = object.bucket();
        String key = object.key();
        RowReader rows;
        try {
            rows = format.open(text, options);
        } catch (RejectedFileException e) {
            return IngestReport.rejected(bucket, key, Optional.of(format), e.getMessage());
        } catch (CharacterCodingException e) {
            return new IngestReport(
                    bucket,
                    key,
                    Optional.of(format),
                    IngestReport.Status.STOPPED,
                    0,
                    0,
                    List.of(),
                    Optional.of(notUtf8(0, 0)));
        }
        List<IngestedRow> chunk = new ArrayList<>(TableWriter.MAX_CHUNK);
        List<ParsedRow.Invalid> reported = new ArrayList<>();
        long written = 0;
        long invalid = 0;
        long lastLine = format == FileFormat.CSV ? 1 : 0;
        boolean stopped = false;
        while (true) {
            Optional<ParsedRow> next;
            try {
                next = rows.next();
            } catch (CharacterCodingException e) {
                stopped = true; // the decoder works a buffer ahead: the bad bytes are near, not at, this line
                break;
            }
            if (next.isEmpty()) {
                break;
            }
            ParsedRow row = next.get();
            lastLine = row.line();
            if (row instanceof ParsedRow.Valid valid) {
                chunk.add(IngestedRow.of(object.file(), valid.line(), valid.row()));
                if (chunk.size() == TableWriter.MAX_CHUNK) {
                    table.write(chunk);
                    written += chunk.size();
                    chunk = new ArrayList<>(TableWriter.MAX_CHUNK);
                }
            } else if (row instanceof ParsedRow.Invalid bad) {
                invalid++;
                if (reported.size() < options.maxReportedRows()) {
                    reported.add(bad);
                }
            }
        }
        if (!chunk.isEmpty()) {
            table.write(chunk);
            written += chunk.size();
        }
        if (stopped) {
            return new IngestReport(
                    bucket,
                    key,
                    Optional.of(format),
                    IngestReport.Status.STOPPED,
                    written,
                    invalid,
                    reported,
                    Optional.of(notUtf8(lastLine, written)));
        }
        IngestReport.Status status =
                invalid > 0 ? IngestReport.Status.INGESTED_WITH_INVALID_ROWS : IngestReport.Status.INGESTED;
        return new IngestReport(bucket, key, Optional.of(format), status, written, invalid, reported, Optional.empty());
    }

    private static String notUtf8(long lastLine, long written) {
        return "the file is not UTF-8 text; reading stopped after line " + lastLine + " with " + written
                + " row(s) written";
    }
}
