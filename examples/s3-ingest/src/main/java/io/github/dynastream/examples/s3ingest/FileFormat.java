package io.github.dynastream.examples.s3ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file types the ingest function accepts, told by the object key's extension or, when the key
 * has none it knows, by the object's {@code Content-Type}.
 *
 * <pre>{@code
 * FileFormat.detect("incoming/readings.csv", Optional.empty());          // CSV
 * FileFormat.detect("incoming/export", Optional.of("application/x-ndjson")); // JSON_LINES
 * }</pre>
 */
public enum FileFormat {
    /** Comma-separated values with a header line naming the columns. */
    CSV(List.of(".csv"), List.of("text/csv", "application/csv")),
    /** One JSON object per line. */
    JSON_LINES(
            List.of(".jsonl", ".ndjson"),
            List.of("application/jsonl", "application/x-jsonlines", "application/x-ndjson", "application/jsonlines"));

    private final List<String> extensions;
    private final List<String> contentTypes;

    FileFormat(List<String> extensions, List<String> contentTypes) {
        this.extensions = extensions;
        this.contentTypes = contentTypes;
    }

    /** By the key's extension alone (case-insensitive). */
    public static Optional<FileFormat> fromKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (FileFormat format : values()) {
            if (format.extensions.stream().anyMatch(lower::endsWith)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** By the media type of a {@code Content-Type} header, parameters such as {@code charset} ignored. */
    public static Optional<FileFormat> fromContentType(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .strip()
                .toLowerCase(Locale.ROOT);
        for (FileFormat format : values()) {
            if (format.contentTypes.contains(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** By the key's extension, else by the content type. */
    public static Optional<FileFormat> detect(String key, Optional<String> contentType) {
        return fromKey(key).or(() -> contentType.flatMap(FileFormat::fromContentType));
    }

    /** Starts reading rows; a CSV file's header is read and checked here. */
    RowReader open(Reader in, IngestOptions options) throws IOException, RejectedFileException {
        return switch (this) {
            case CSV -> CsvRowReader.open(in, options);
            case JSON_LINES -> JsonLinesRowReader.open(in, options);
        };
    }
}
