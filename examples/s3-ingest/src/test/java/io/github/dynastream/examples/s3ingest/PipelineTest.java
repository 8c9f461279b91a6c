package io.github.dynastream.examples.s3ingest;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.StreamViewType;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.StreamHandlerFunction;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline in-process with the in-memory collaborators, as the repository's demo runs it:
 * files in, rows in the table, the stream DynamoDB would write for those rows (testkit DSL), and the
 * notification function over it with Lambda's rules.
 */
class PipelineTest {
    private final InMemoryObjectSource bucket = new InMemoryObjectSource();
    private final InMemoryTableWriter table = new InMemoryTableWriter();
    private final InMemoryReportSink reports = new InMemoryReportSink();
    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final S3IngestHandler ingest = new S3IngestHandler(FileIngest.of(bucket, table, reports));
    private final TestTable rowsTable = StreamEvents.table("IngestedRows")
            .partitionKey("file")
            .sortKey("line")
            .viewType(StreamViewType.NEW_IMAGE)
            .build();
    private int writesStreamed;

    /** The records DynamoDB writes for the table's writes since the last call. */
    private TestStream streamOfNewWrites() {
        TestStream stream = rowsTable.stream();
        List<InMemoryTableWriter.Write> writes = table.writes();
        for (InMemoryTableWriter.Write write : writes.subList(writesStreamed, writes.size())) {
            if (write.before().isEmpty()) {
                stream.insert(write.after());
            } else if (write.changedTheTable()) {
                stream.modify(write.before().get(), write.after());
            }
        }
        writesStreamed = writes.size();
        return stream;
    }

    private Simulation notify(TestStream stream) {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(5)
                .build()
                .run(stream, StreamHandlerFunction.of(new RowNotificationHandler(notifier)));
    }

    @Test
    void filesInOneNotificationPerValidRowOutAndAReportOfTheInvalidRows() throws Exception {
        bucket.put("uploads", "incoming/readings.csv", "text/csv", Rows.resource("readings.csv"));
        bucket.put("uploads", "incoming/readings-bad.csv", "text/csv", Rows.resource("readings-bad.csv"));
        bucket.put("uploads", "incoming/readings.jsonl", null, Rows.resource("readings.jsonl"));
        ingest.handleRequest(
                S3Events.event()
                        .objectCreated("uploads", "incoming/readings.csv", 200)
                        .objectCreated("uploads", "incoming/readings-bad.csv", 200)
                        .objectCreated("uploads", "incoming/readings.jsonl", 200)
                        .toInputStream(),
                new ByteArrayOutputStream(),
                null);

        Simulation simulation = notify(streamOfNewWrites());

        assertThat(simulation).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
        assertThat(table.rows()).hasSize(9);
        assertThat(notifier.sent())
                .extracting(n -> n.file() + "#" + n.line())
                .containsExactlyElementsOf(table.rows().stream()
                        .map(r -> r.file() + "#" + r.line())
                        .toList());
        assertThat(reports.reports())
                .extracting(IngestReport::key)
                .containsExactly("incoming/readings-bad.csv", "incoming/readings.jsonl");
    }

    @Test
    void aRetriedIngestWritesTheSameItemsAndNotifiesNoOneTwice() throws Exception {
        bucket.put("uploads", "incoming/readings.csv", "text/csv", Rows.resource("readings.csv"));
        var event = S3Events.event().objectCreated("uploads", "incoming/readings.csv", 200);
        ingest.handleRequest(event.toInputStream(), new ByteArrayOutputStream(), null);
        notify(streamOfNewWrites());

        ingest.handleRequest(event.toInputStream(), new ByteArrayOutputStream(), null);
        TestStream again = streamOfNewWrites();

        assertThat(again.records()).isEmpty(); // DynamoDB writes no record for a write that changes nothing
        assertThat(table.writes()).hasSize(10);
        assertThat(notifier.sent()).hasSize(5);
    }
}
