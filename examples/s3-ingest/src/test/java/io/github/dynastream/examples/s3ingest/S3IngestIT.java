package io.github.dynastream.examples.s3ingest;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.LocalStreamRunner;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamHandlerFunction;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The pipeline end to end on moto's S3 and DynamoDB: a file put into a bucket, the ingest handler
 * invoked with the S3 event, the rows in the table and the report in the bucket, and the table's real
 * stream drained through the deployed notification handler.
 */
class S3IngestIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "uploads";
    private static final String TABLE = "IngestedRows";

    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private S3IngestHandler ingest;
    private final InMemoryNotifier notifier = new InMemoryNotifier();

    @BeforeEach
    void createBucketAndTable() {
        s3 = AWS.s3();
        dynamoDb = AWS.dynamoDb();
        s3.createBucket(r -> r.bucket(BUCKET));
        dynamoDb.createTable(r -> r.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("file")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("line")
                                .attributeType(ScalarAttributeType.N)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("file")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("line")
                                .keyType(KeyType.RANGE)
                                .build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        ingest = new S3IngestHandler(FileIngest.of(
                new S3ObjectSource(s3),
                new DynamoDbTableWriter(dynamoDb, TABLE),
                new S3ReportSink(s3, BUCKET, "reports/")));
    }

    @AfterEach
    void reset() {
        AWS.reset();
    }

    private long upload(String key, String contentType, String resource) {
        s3.putObject(
                r -> r.bucket(BUCKET).key(key).contentType(contentType),
                RequestBody.fromString(Rows.resource(resource)));
        return s3.headObject(r -> r.bucket(BUCKET).key(key)).contentLength();
    }

    private String invoke(InputStream event) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ingest.handleRequest(event, output, null);
        return output.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<Map<String, AttributeValue>> rowsOf(String file) {
        return dynamoDb.query(r -> r.tableName(TABLE)
                        .keyConditionExpression("#f = :f")
                        .expressionAttributeNames(Map.of("#f", "file"))
                        .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(file))))
                .items();
    }

    private LocalStreamRunner runner() {
        return LocalStreamRunner.builder()
                .streams(AWS.dynamoDbStreams())
                .table(dynamoDb, TABLE)
                .reportBatchItemFailures(true)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(5)
                .build();
    }

    @Test
    void ingestsTheFilesReportsTheInvalidRowsAndAnnouncesEachNewRowFromTheRealStream() throws Exception {
        String good = "incoming/site A/readings+1.csv"; // a space and a plus: URL-encoded in the event
        String bad = "incoming/readings-bad.csv";
        String lines = "incoming/readings.jsonl";
        InputStream event = S3Events.event()
                .objectCreated(BUCKET, good, upload(good, "text/csv", "readings.csv"))
                .objectCreated(BUCKET, bad, upload(bad, "text/csv", "readings-bad.csv"))
                .objectCreated(BUCKET, lines, upload(lines, "application/x-ndjson", "readings.jsonl"))
                .toInputStream();

        String answer = invoke(event);

        assertThat(JSON.readTree(answer).path("objects").findValuesAsText("status"))
                .containsExactly("INGESTED", "INGESTED_WITH_INVALID_ROWS", "INGESTED_WITH_INVALID_ROWS");
        List<Map<String, AttributeValue>> goodRows = rowsOf("uploads/" + good);
        assertThat(goodRows).extracting(item -> item.get("line").n()).containsExactly("2", "3", "4", "5", "6");
        assertThat(goodRows.get(2))
                .containsEntry("name", AttributeValue.fromS("boiler, north"))
                .containsEntry("date", AttributeValue.fromS("2026-11-29"))
                .containsKey("value");
        assertThat(new java.math.BigDecimal(goodRows.get(2).get("value").n())).isEqualByComparingTo("65.25");
        assertThat(rowsOf("uploads/" + bad))
                .extracting(item -> item.get("line").n())
                .containsExactly("2", "10");
        assertThat(rowsOf("uploads/" + lines))
                .extracting(item -> item.get("line").n())
                .containsExactly("1", "8");

        String report = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("reports/" + bad + ".errors.jsonl"))
                .asUtf8String();
        List<JsonNode> reportLines = new ArrayList<>();
        for (String line : report.split("\n")) {
            reportLines.add(JSON.readTree(line));
        }
        assertThat(reportLines.get(0).path("status").asText()).isEqualTo("INGESTED_WITH_INVALID_ROWS");
        assertThat(reportLines.get(0).path("writtenRows").asLong()).isEqualTo(2);
        assertThat(reportLines.subList(1, reportLines.size()))
                .extracting(line -> line.path("line").asLong())
                .containsExactly(3L, 4L, 5L, 7L, 8L, 9L, 11L);
        assertThat(report).doesNotContain("28/11/2026", "twelve");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("reports/" + lines + ".errors.jsonl"))
                        .asUtf8String())
                .contains("\"line\":6,\"problems\":[{\"reason\":\"is not valid JSON (at column 1)\"}]");
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("reports/")).contents())
                .hasSize(2); // none for the file without invalid rows

        try (LocalStreamRunner runner = runner()) {
            Simulation simulation = runner.drain(StreamHandlerFunction.of(new RowNotificationHandler(notifier)));

            assertThat(simulation).hasNothingAtFailureDestination().hasNoIgnoredItemFailures();
            assertThat(simulation.records()).hasSize(9);
            assertThat(notifier.sent())
                    .extracting(n -> n.file() + "#" + n.line())
                    .containsExactlyInAnyOrder(
                            "uploads/" + good + "#2",
                            "uploads/" + good + "#3",
                            "uploads/" + good + "#4",
                            "uploads/" + good + "#5",
                            "uploads/" + good + "#6",
                            "uploads/" + bad + "#2",
                            "uploads/" + bad + "#10",
                            "uploads/" + lines + "#1",
                            "uploads/" + lines + "#8");
            assertThat(JSON.readTree(notifier.sent().get(2).message())
                            .path("name")
                            .asText())
                    .isEqualTo("boiler, north");
        }
    }

    @Test
    void aRetriedEventRewritesTheSameItemsAndAnnouncesNothingAgain() throws Exception {
        String key = "incoming/readings.csv";
        byte[] event = S3Events.event()
                .objectCreated(BUCKET, key, upload(key, "text/csv", "readings.csv"))
                .toJson()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (LocalStreamRunner runner = runner()) {
            invoke(new java.io.ByteArrayInputStream(event));
            runner.drain(StreamHandlerFunction.of(new RowNotificationHandler(notifier)));

            invoke(new java.io.ByteArrayInputStream(event)); // S3 and Lambda deliver an event at least once
            Simulation again = runner.drain(StreamHandlerFunction.of(new RowNotificationHandler(notifier)));

            // DynamoDB writes no stream record for an identical rewrite; moto writes a MODIFY, which the
            // handler (and, deployed, the INSERT filter) leaves alone. Either way: no second notification.
            assertThat(again).hasNothingAtFailureDestination();
            assertThat(again.records())
                    .allSatisfy(r -> assertThat(r.eventName().name()).isEqualTo("MODIFY"));
            assertThat(rowsOf("uploads/" + key)).hasSize(5);
            assertThat(notifier.sent()).hasSize(5);
        }
    }

    @Test
    void rejectsAFileOfAnotherTypeWithAReportAndWritesNothing() throws Exception {
        String key = "incoming/readings.xml";
        s3.putObject(r -> r.bucket(BUCKET).key(key).contentType("application/xml"), RequestBody.fromString("<rows/>"));

        invoke(S3Events.event().objectCreated(BUCKET, key, 7).toInputStream());

        String report = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("reports/" + key + ".errors.jsonl"))
                .asUtf8String();
        assertThat(JSON.readTree(report).path("status").asText()).isEqualTo("REJECTED");
        assertThat(JSON.readTree(report).path("problem").asText()).endsWith("its Content-Type is [application/xml]");
        assertThat(dynamoDb.scan(r -> r.tableName(TABLE)).items()).isEmpty();
    }

    @Test
    void anObjectDeletedBeforeItIsReadFailsTheInvocationSoThatLambdaRetriesIt() {
        InputStream event =
                S3Events.event().objectCreated(BUCKET, "incoming/gone.csv", 100).toInputStream();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> invoke(event))
                .isInstanceOf(IngestFailedException.class)
                .cause()
                .hasCauseInstanceOf(java.io.IOException.class)
                .rootCause()
                .isInstanceOf(NoSuchKeyException.class);
    }
}
