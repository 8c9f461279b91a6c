package io.github.dynastream.examples.s3ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports kept in memory, for tests and the demo, in the order they were written. Thread-safe.
 *
 * <pre>{@code
 * InMemoryReportSink reports = new InMemoryReportSink();
 * // ... ingest ...
 * reports.reports().forEach(report -> System.out.print(report.toJsonLines()));
 * }</pre>
 */
public final class InMemoryReportSink implements ReportSink {
    private final List<IngestReport> reports = new ArrayList<>();

    @Override
    public synchronized void write(IngestReport report) {
        reports.add(report);
    }

    /** Every report written, in order. */
    public synchronized List<IngestReport> reports() {
        return List.copyOf(reports);
    }

    /** The last report written on an object. */
    public synchronized Optional<IngestReport> reportOn(String bucket, String key) {
        for (int i = reports.size() - 1; i >= 0; i--) {
            IngestReport report = reports.get(i);
            if (report.bucket().equals(bucket) && report.key().equals(key)) {
                return Optional.of(report);
            }
        }
        return Optional.empty();
    }
}
