package io.github.dynastream.examples.s3ingest;

import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes each report as a JSON Lines object, {@code <prefix><key>.errors.jsonl}: the report of
 * {@code incoming/readings.csv} is {@code reports/incoming/readings.csv.errors.jsonl}. Keep the
 * prefix outside the one the ingest function is triggered by, or each report would trigger it
 * again. A retried invocation overwrites the report with the same content. Thread-safe.
 *
 * <pre>{@code
 * ReportSink reports = new S3ReportSink(S3Client.create(), "uploads", "reports/");
 * }</pre>
 */
public final class S3ReportSink implements ReportSink {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param s3 the client
     * @param bucket the bucket reports go to
     * @param prefix put before the object key, e.g. {@code reports/}
     */
    public S3ReportSink(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The key of the report on an object. */
    public String reportKey(String objectKey) {
        return prefix + objectKey + ".errors.jsonl";
    }

    @Override
    public void write(IngestReport report) {
        s3.putObject(
                r -> r.bucket(bucket).key(reportKey(report.key())).contentType("application/x-ndjson"),
                RequestBody.fromString(report.toJsonLines()));
    }
}
