package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class S3IngestHandlerTest {
    private final InMemoryObjectSource source = new InMemoryObjectSource();
    private final InMemoryTableWriter table = new InMemoryTableWriter();
    private final InMemoryReportSink reports = new InMemoryReportSink();
    private final S3IngestHandler handler = new S3IngestHandler(FileIngest.of(source, table, reports));

    private String handle(InputStream event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(event, output, null);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void decodesUrlEncodedKeysAndIngestsEveryRecordOfTheEvent() throws Exception {
        String csv = Rows.resource("readings.csv");
        source.put("uploads", "incoming/north site/readings+1 (ä).csv", null, csv);
        source.put("uploads", "incoming/readings.jsonl", null, Rows.resource("readings.jsonl"));

        String answer = handle(S3Events.event()
                .objectCreated("uploads", "incoming/north site/readings+1 (ä).csv", csv.length())
                .objectCreated("uploads", "incoming/readings.jsonl", 400)
                .toInputStream());

        assertThat(table.rows())
                .extracting(IngestedRow::file)
                .containsOnly("uploads/incoming/north site/readings+1 (ä).csv", "uploads/incoming/readings.jsonl")
                .hasSize(7);
        assertThat(reports.reports()).extracting(IngestReport::key).containsExactly("incoming/readings.jsonl");
        assertThat(answer)
                .isEqualTo("{\"objects\":["
                        + "{\"key\":\"incoming/north site/readings+1 (ä).csv\",\"status\":\"INGESTED\",\"writtenRows\":5,"
                        + "\"invalidRows\":0},"
                        + "{\"key\":\"incoming/readings.jsonl\",\"status\":\"INGESTED_WITH_INVALID_ROWS\","
                        + "\"writtenRows\":2,\"invalidRows\":5}]}");
    }

    @Test
    void theEventCarriesKeysEncodedAsAnHtmlForm() {
        String json = S3Events.event()
                .objectCreated("uploads", "incoming/north site/readings+1 (ä).csv", 10)
                .toJson();

        assertThat(json).contains("\"key\":\"incoming/north+site/readings%2B1+%28%C3%A4%29.csv\"");
    }

    @Test
    void usesTheSizeInTheEventToRejectAnEmptyObjectWithoutReadingIt() throws Exception {
        handle(S3Events.event()
                .objectCreated("uploads", "incoming/empty.csv", 0)
                .toInputStream());

        assertThat(reports.reports())
                .singleElement()
                .satisfies(report -> assertThat(report.problem()).contains("the file is empty"));
        assertThat(source.openCount()).isZero();
    }

    @Test
    void rejectsAWrongFileTypeWithAReportAndDoesNotFail() throws Exception {
        source.put("uploads", "incoming/photo.png", "image/png", "\u0089PNG");

        String answer = handle(S3Events.event()
                .objectCreated("uploads", "incoming/photo.png", 4)
                .toInputStream());

        assertThat(answer).contains("\"status\":\"REJECTED\"");
        assertThat(reports.reports()).extracting(IngestReport::status).containsExactly(IngestReport.Status.REJECTED);
    }

    @Test
    void ignoresRecordsOtherThanObjectCreatedAndS3sTestEvent() throws Exception {
        assertThat(handle(S3Events.event()
                        .record("ObjectRemoved:Delete", "uploads", "incoming/readings.csv", -1)
                        .toInputStream()))
                .isEqualTo("{\"objects\":[]}");
        assertThat(handle(S3Events.testEvent("uploads"))).isEqualTo("{\"objects\":[]}");
        assertThat(table.writes()).isEmpty();
    }

    @Test
    void readsAnEventWithoutSizes() throws Exception {
        source.put("uploads", "incoming/readings.csv", null, Rows.resource("readings.csv"));

        handle(S3Events.event()
                .record("ObjectCreated:CompleteMultipartUpload", "uploads", "incoming/readings.csv", -1)
                .toInputStream());

        assertThat(table.rows()).hasSize(5);
    }

    @Test
    void ingestsTheOtherObjectsAndThenFailsTheInvocationWhenOneCannotBeWritten() {
        TableWriter failsForOneFile = chunk -> {
            if (chunk.get(0).file().endsWith("readings-bad.csv")) {
                throw new UnprocessedItemsException("IngestedRows", chunk.size(), 8);
            }
            table.write(chunk);
        };
        S3IngestHandler failing = new S3IngestHandler(FileIngest.of(source, failsForOneFile, reports));
        source.put("uploads", "incoming/readings-bad.csv", null, Rows.resource("readings-bad.csv"));
        source.put("uploads", "incoming/readings.csv", null, Rows.resource("readings.csv"));
        InputStream event = S3Events.event()
                .objectCreated("uploads", "incoming/readings-bad.csv", 100)
                .objectCreated("uploads", "incoming/missing.csv", 100)
                .objectCreated("uploads", "incoming/readings.csv", 100)
                .toInputStream();

        assertThatThrownBy(() -> failing.handleRequest(event, new ByteArrayOutputStream(), null))
                .isInstanceOfSatisfying(IngestFailedException.class, e -> {
                    assertThat(e.failed())
                            .containsExactly(
                                    new UploadedObject("uploads", "incoming/readings-bad.csv", OptionalLong.of(100)),
                                    new UploadedObject("uploads", "incoming/missing.csv", OptionalLong.of(100)));
                    assertThat(e.getCause()).isInstanceOf(UnprocessedItemsException.class);
                    assertThat(e.getCause().getSuppressed()).hasSize(1);
                })
                .hasMessage("could not ingest 2 object(s): [s3://uploads/incoming/readings-bad.csv,"
                        + " s3://uploads/incoming/missing.csv]; the event is retried");
        assertThat(table.rows()).extracting(IngestedRow::file).containsOnly("uploads/incoming/readings.csv");
        assertThat(reports.reports()).isEmpty();
    }

    @Test
    void rejectsInputThatIsNotAnS3Event() {
        for (String notAnEvent : List.of("[]", "{\"Records\":{}}", "{\"foo\":1}", "not json")) {
            assertThatThrownBy(() -> handle(new ByteArrayInputStream(notAnEvent.getBytes(StandardCharsets.UTF_8))))
                    .as(notAnEvent)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
