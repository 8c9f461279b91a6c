package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FileIngestTest {
    private static final String BUCKET = "uploads";

    private final InMemoryObjectSource source = new InMemoryObjectSource();
    private final InMemoryTableWriter table = new InMemoryTableWriter();
    private final InMemoryReportSink reports = new InMemoryReportSink();
    private final FileIngest ingest = FileIngest.of(source, table, reports);

    private IngestReport ingest(String key, String contentType, String content) throws Exception {
        source.put(BUCKET, key, contentType, content);
        return ingest.ingest(
                new UploadedObject(BUCKET, key, OptionalLong.of(content.getBytes(StandardCharsets.UTF_8).length)));
    }

    @Test
    void writesEveryRowOfAGoodFileKeyedByFileAndLineAndReportsNothing() throws Exception {
        IngestReport report = ingest("incoming/readings.csv", null, Rows.resource("readings.csv"));

        assertThat(report.status()).isEqualTo(IngestReport.Status.INGESTED);
        assertThat(report.writtenRows()).isEqualTo(5);
        assertThat(table.rows()).hasSize(5);
        assertThat(table.rows().get(0))
                .isEqualTo(new IngestedRow(
                        "uploads/incoming/readings.csv",
                        2,
                        "sensor-1",
                        LocalDate.of(2026, 11, 28),
                        new BigDecimal("21.5")));
        assertThat(table.rows()).extracting(IngestedRow::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(reports.reports()).isEmpty();
        assertThat(source.openCount()).isZero();
    }

    @Test
    void writesTheValidRowsAndReportsTheInvalidOnesByLineWithoutTheirValues() throws Exception {
        IngestReport report = ingest("incoming/readings-bad.csv", "text/csv", Rows.resource("readings-bad.csv"));

        assertThat(report.status()).isEqualTo(IngestReport.Status.INGESTED_WITH_INVALID_ROWS);
        assertThat(table.rows()).extracting(IngestedRow::line).containsExactly(2L, 10L);
        assertThat(reports.reportOn(BUCKET, "incoming/readings-bad.csv")).contains(report);
        assertThat(report.invalidRows()).isEqualTo(7);
        assertThat(report.reportedRows()).extracting(ParsedRow::line).containsExactly(3L, 4L, 5L, 7L, 8L, 9L, 11L);
        String lines = report.toJsonLines();
        assertThat(lines.lines().findFirst().orElseThrow())
                .isEqualTo("{\"bucket\":\"uploads\",\"key\":\"incoming/readings-bad.csv\",\"format\":\"CSV\","
                        + "\"status\":\"INGESTED_WITH_INVALID_ROWS\",\"writtenRows\":2,\"invalidRows\":7,"
                        + "\"reportedRows\":7}");
        assertThat(lines.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("{\"line\":3,\"problems\":[{\"field\":\"name\",\"reason\":\"is blank\"}]}");
        assertThat(lines).doesNotContain("28/11/2026", "twelve", "sensor-5");
    }

    @Test
    void listsTheFirstInvalidRowsAndCountsTheRest() throws Exception {
        FileIngest capped =
                FileIngest.of(source, table, reports, IngestOptions.defaults().withMaxReportedRows(2));
        String content = "name,date,value\n"
                + IntStream.range(0, 10).mapToObj(i -> "n" + i + ",bad,1\n").collect(Collectors.joining());
        source.put(BUCKET, "incoming/bad.csv", null, content);

        IngestReport report = capped.ingest(new UploadedObject(BUCKET, "incoming/bad.csv", OptionalLong.empty()));

        assertThat(report.invalidRows()).isEqualTo(10);
        assertThat(report.reportedRows()).extracting(ParsedRow::line).containsExactly(2L, 3L);
    }

    @Test
    void quotesInvalidRowsInTheReportOnlyWhenConfigured() throws Exception {
        FileIngest quoting =
                FileIngest.of(source, table, reports, IngestOptions.defaults().withReportRowValues(true));
        source.put(BUCKET, "incoming/a.csv", null, "name,date,value\nsensor-2,28/11/2026,4\n");

        IngestReport report = quoting.ingest(new UploadedObject(BUCKET, "incoming/a.csv", OptionalLong.empty()));

        assertThat(report.toJsonLines()).contains("\"text\":\"sensor-2,28/11/2026,4\"");
    }

    @Test
    void readsJsonLinesByExtension() throws Exception {
        IngestReport report = ingest("incoming/readings.jsonl", null, Rows.resource("readings.jsonl"));

        assertThat(report.format()).contains(FileFormat.JSON_LINES);
        assertThat(table.rows()).extracting(IngestedRow::line).containsExactly(1L, 8L);
        assertThat(report.reportedRows()).extracting(ParsedRow::line).containsExactly(2L, 3L, 5L, 6L, 7L);
    }

    @Test
    void readsAFileWithoutAKnownExtensionByItsContentType() throws Exception {
        IngestReport report =
                ingest("incoming/export-2026-11-30", "application/x-ndjson", Rows.resource("readings.jsonl"));

        assertThat(report.format()).contains(FileFormat.JSON_LINES);
        assertThat(report.writtenRows()).isEqualTo(2);
    }

    @Test
    void rejectsAWrongFileTypeWithAReportAndClosesTheObject() throws Exception {
        IngestReport report = ingest("incoming/readings.xlsx", "application/vnd.ms-excel", "PK\u0003\u0004...");

        assertThat(report.status()).isEqualTo(IngestReport.Status.REJECTED);
        assertThat(report.problem())
                .contains("not a CSV (.csv, text/csv) or JSON Lines (.jsonl, .ndjson, application/x-ndjson) file;"
                        + " its Content-Type is [application/vnd.ms-excel]");
        assertThat(reports.reports()).containsExactly(report);
        assertThat(table.writes()).isEmpty();
        assertThat(source.openCount()).isZero();
    }

    @Test
    void rejectsAnEmptyFileWithoutReadingIt() throws Exception {
        IngestReport report = ingest.ingest(new UploadedObject(BUCKET, "incoming/none.csv", OptionalLong.of(0)));

        assertThat(report.status()).isEqualTo(IngestReport.Status.REJECTED);
        assertThat(report.problem()).contains("the file is empty");
        assertThat(reports.reports()).containsExactly(report);
    }

    @Test
    void rejectsAnEmptyCsvFileWhoseSizeTheEventDidNotGive() throws Exception {
        source.put(BUCKET, "incoming/none.csv", null, "");

        IngestReport report = ingest.ingest(new UploadedObject(BUCKET, "incoming/none.csv", OptionalLong.empty()));

        assertThat(report.status()).isEqualTo(IngestReport.Status.REJECTED);
        assertThat(report.problem()).contains("the file is empty; a CSV file starts with a header line");
    }

    @Test
    void aHeaderOnlyFileIsIngestedWithNoRowsAndNeedsNoReport() throws Exception {
        IngestReport report = ingest("incoming/header.csv", null, "name,date,value\n");

        assertThat(report.status()).isEqualTo(IngestReport.Status.INGESTED);
        assertThat(report.writtenRows()).isZero();
        assertThat(table.writes()).isEmpty();
        assertThat(reports.reports()).isEmpty();
    }

    @Test
    void rejectsACsvFileWhoseHeaderLacksAColumn() throws Exception {
        IngestReport report = ingest("incoming/a.csv", null, "name,value\na,1\n");

        assertThat(report.status()).isEqualTo(IngestReport.Status.REJECTED);
        assertThat(report.problem()).contains("the header lacks the column(s) [date]; it needs [name, date, value]");
        assertThat(table.writes()).isEmpty();
    }

    @Test
    void rejectsAnObjectLargerThanTheLimitWithoutOpeningIt() throws Exception {
        FileIngest small =
                FileIngest.of(source, table, reports, IngestOptions.defaults().withMaxObjectBytes(1000));

        IngestReport report = small.ingest(new UploadedObject(BUCKET, "incoming/missing.csv", OptionalLong.of(1001)));

        assertThat(report.problem()).contains("the file has 1001 bytes; the limit is 1000 (MAX_OBJECT_BYTES)");
    }

    @Test
    void stopsAtBytesThatAreNotUtf8AndKeepsTheRowsWrittenBefore() throws Exception {
        String rows = "name,date,value\n"
                + IntStream.range(0, 2_000)
                        .mapToObj(i -> "n" + i + ",2026-11-30,1\n")
                        .collect(Collectors.joining());
        byte[] head = rows.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + 20];
        System.arraycopy(head, 0, content, 0, head.length);
        content[head.length] = (byte) 0xE9; // "é" in ISO-8859-1, not UTF-8
        source.put(BUCKET, "incoming/latin1.csv", null, () -> new ByteArrayInputStream(content));

        IngestReport report = ingest.ingest(new UploadedObject(BUCKET, "incoming/latin1.csv", OptionalLong.empty()));

        assertThat(report.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(report.writtenRows()).isEqualTo(table.rows().size()).isBetween(1L, 1_999L);
        assertThat(report.problem().orElseThrow())
                .startsWith("the file is not UTF-8 text; reading stopped after line ")
                .endsWith(" with " + report.writtenRows() + " row(s) written");
        assertThat(reports.reports()).containsExactly(report);
    }

    @Test
    void stopsAtOnceWhenTheFirstBytesAreNotUtf8() throws Exception {
        byte[] content = "name,date,value\nm\u00e9ter,2026-11-30,1\n".getBytes(StandardCharsets.ISO_8859_1);
        source.put(BUCKET, "incoming/latin1.csv", null, () -> new ByteArrayInputStream(content));

        IngestReport report = ingest.ingest(new UploadedObject(BUCKET, "incoming/latin1.csv", OptionalLong.empty()));

        assertThat(report.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(report.writtenRows()).isZero();
        assertThat(table.writes()).isEmpty();
    }

    @Test
    void letsAWriteFailurePassSoTheInvocationFailsAndWritesNoReport() {
        FileIngest failing = FileIngest.of(
                source,
                chunk -> {
                    throw new UnprocessedItemsException("IngestedRows", chunk.size(), 8);
                },
                reports);
        source.put(BUCKET, "incoming/readings-bad.csv", null, Rows.resource("readings-bad.csv"));

        assertThatThrownBy(() ->
                        failing.ingest(new UploadedObject(BUCKET, "incoming/readings-bad.csv", OptionalLong.empty())))
                .isInstanceOf(UnprocessedItemsException.class)
                .hasMessage("2 item(s) still unprocessed after 8 BatchWriteItem attempt(s) on table [IngestedRows]");
        assertThat(reports.reports()).isEmpty();
        assertThat(source.openCount()).isZero();
    }

    @Test
    void ingestingTheSameFileAgainWritesTheSameItems() throws Exception {
        ingest("incoming/readings.csv", null, Rows.resource("readings.csv"));
        List<IngestedRow> first = table.rows();

        ingest.ingest(new UploadedObject(BUCKET, "incoming/readings.csv", OptionalLong.empty()));

        assertThat(table.rows()).isEqualTo(first);
        assertThat(table.writes())
                .hasSize(10)
                .filteredOn(InMemoryTableWriter.Write::changedTheTable)
                .hasSize(5);
    }
}
