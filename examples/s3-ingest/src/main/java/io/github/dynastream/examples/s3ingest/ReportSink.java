package io.github.dynastream.examples.s3ingest;

/**
 * Where reports of files that need attention go: {@link S3ReportSink} (an object next to the data)
 * in production, {@link InMemoryReportSink} in tests and the demo.
 *
 * <pre>{@code
 * ReportSink reports = new S3ReportSink(S3Client.create(), "uploads", "reports/");
 * }</pre>
 */
public interface ReportSink {
    /** Stores the report, replacing an earlier one for the same file. */
    void write(IngestReport report);
}
