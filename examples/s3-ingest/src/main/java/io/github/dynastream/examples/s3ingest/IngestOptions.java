package io.github.dynastream.examples.s3ingest;

import java.util.function.Function;

/**
 * Limits and switches of the ingest function. Every limit keeps one invocation's memory bounded
 * whatever is uploaded: a line longer than {@code maxLineLength} is an invalid row (the rest of it
 * is skipped, not held), at most {@code maxReportedRows} invalid rows are listed in a report (the
 * others are counted), and an object larger than {@code maxObjectBytes} is rejected before it is
 * read, because it could not be ingested within one invocation.
 *
 * <pre>{@code
 * IngestOptions options = IngestOptions.defaults().withReportRowValues(true);
 * }</pre>
 *
 * @param maxLineLength the longest line, in characters
 * @param maxReportedRows how many invalid rows a report lists
 * @param maxObjectBytes the largest object that is read
 * @param reportRowValues whether a report quotes the text of invalid rows (off: reports and logs
 *     carry line numbers and reasons only, as the rows may hold personal data)
 */
public record IngestOptions(int maxLineLength, int maxReportedRows, long maxObjectBytes, boolean reportRowValues) {
    /** 64 Ki characters. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /** 1,000 rows. */
    public static final int DEFAULT_MAX_REPORTED_ROWS = 1_000;
    /** 1 GiB. */
    public static final long DEFAULT_MAX_OBJECT_BYTES = 1L << 30;

    public IngestOptions {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be > 0 but was [" + maxLineLength + "]");
        }
        if (maxReportedRows < 0) {
            throw new IllegalArgumentException("maxReportedRows must be >= 0 but was [" + maxReportedRows + "]");
        }
        if (maxObjectBytes < 1) {
            throw new IllegalArgumentException("maxObjectBytes must be > 0 but was [" + maxObjectBytes + "]");
        }
    }

    /** The defaults: 64 Ki characters a line, 1,000 reported rows, 1 GiB, no row values in reports. */
    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_REPORTED_ROWS, DEFAULT_MAX_OBJECT_BYTES, false);
    }

    /**
     * The defaults, overridden by the variables {@code MAX_LINE_LENGTH}, {@code MAX_REPORTED_ROWS},
     * {@code MAX_OBJECT_BYTES} and {@code REPORT_ROW_VALUES} ({@code true} or {@code false}) where set.
     *
     * @param environment e.g. {@code System::getenv}
     * @throws IllegalArgumentException if a variable is not a number or out of range
     */
    public static IngestOptions fromEnvironment(Function<String, String> environment) {
        IngestOptions options = defaults();
        String lineLength = environment.apply("MAX_LINE_LENGTH");
        String reported = environment.apply("MAX_REPORTED_ROWS");
        String bytes = environment.apply("MAX_OBJECT_BYTES");
        String values = environment.apply("REPORT_ROW_VALUES");
        return new IngestOptions(
                isSet(lineLength) ? Integer.parseInt(lineLength.strip()) : options.maxLineLength(),
                isSet(reported) ? Integer.parseInt(reported.strip()) : options.maxReportedRows(),
                isSet(bytes) ? Long.parseLong(bytes.strip()) : options.maxObjectBytes(),
                isSet(values) ? Boolean.parseBoolean(values.strip()) : options.reportRowValues());
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** These options with another line length limit. */
    public IngestOptions withMaxLineLength(int characters) {
        return new IngestOptions(characters, maxReportedRows, maxObjectBytes, reportRowValues);
    }

    /** These options with another number of rows listed in a report. */
    public IngestOptions withMaxReportedRows(int rows) {
        return new IngestOptions(maxLineLength, rows, maxObjectBytes, reportRowValues);
    }

    /** These options with another object size limit. */
    public IngestOptions withMaxObjectBytes(long bytes) {
        return new IngestOptions(maxLineLength, maxReportedRows, bytes, reportRowValues);
    }

    /** These options with the text of invalid rows in reports, or without. */
    public IngestOptions withReportRowValues(boolean report) {
        return new IngestOptions(maxLineLength, maxReportedRows, maxObjectBytes, report);
    }
}
