package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.testkit.LocalAws;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem's unprocessed items, which moto never returns: an SDK interceptor holds the last
 * items of a request back from moto and answers that they were left unprocessed, as DynamoDB does
 * when a partition is throttled. So the table shows what the writer's retries really wrote.
 */
class DynamoDbTableWriterIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static final String TABLE = "IngestedRows";

    /** Lets only the first {@code process} items of a BatchWriteItem through, {@code times} times. */
    static final class Unprocessed implements ExecutionInterceptor {
        private static final ExecutionAttribute<List<WriteRequest>> HELD_BACK = new ExecutionAttribute<>("heldBack");

        final AtomicInteger times = new AtomicInteger();
        volatile int process;
        final List<Integer> requestSizes = new CopyOnWriteArrayList<>();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchWriteItemRequest request)) {
                return context.request();
            }
            List<WriteRequest> items = request.requestItems().get(TABLE);
            requestSizes.add(items.size());
            if (times.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                return request;
            }
            int kept = Math.min(process, items.size());
            attributes.putAttribute(HELD_BACK, List.copyOf(items.subList(kept, items.size())));
            return request.toBuilder()
                    .requestItems(Map.of(TABLE, List.copyOf(items.subList(0, kept))))
                    .build();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            List<WriteRequest> heldBack = attributes.getAttribute(HELD_BACK);
            if (heldBack == null || heldBack.isEmpty()) {
                return context.response();
            }
            return ((BatchWriteItemResponse) context.response())
                    .toBuilder().unprocessedItems(Map.of(TABLE, heldBack)).build();
        }
    }

    private final Unprocessed unprocessed = new Unprocessed();
    private final List<Duration> waits = new ArrayList<>();
    private DynamoDbClient client;

    @BeforeEach
    void createTable() {
        client = AWS.configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(unprocessed))
                .build();
        client.createTable(r -> r.tableName(TABLE)
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
                                .build()));
    }

    @AfterEach
    void reset() {
        client.close();
        AWS.reset();
    }

    private DynamoDbTableWriter writer(int maxAttempts) {
        return new DynamoDbTableWriter(
                client,
                TABLE,
                DynamoDbTableWriter.Backoff.of(maxAttempts, Duration.ofMillis(50), Duration.ofMillis(300))
                        .withSleeper(waits::add)
                        .withRandom(() -> 0.5)); // half of each ceiling: the jitter, made exact
    }

    private static List<IngestedRow> rows(int count) {
        return LongStream.rangeClosed(2, count + 1)
                .mapToObj(line -> new IngestedRow(
                        "uploads/incoming/a.csv",
                        line,
                        "n" + line,
                        LocalDate.of(2026, 11, 30),
                        BigDecimal.valueOf(line)))
                .toList();
    }

    private int itemsInTable() {
        return client.scan(r -> r.tableName(TABLE)).count();
    }

    @Test
    void sendsTheUnprocessedItemsAgainAfterAJitteredExponentialBackoffUntilAllAreWritten() {
        unprocessed.process = 5;
        unprocessed.times.set(3);

        writer(8).write(rows(25));

        assertThat(unprocessed.requestSizes).containsExactly(25, 20, 15, 10);
        assertThat(waits).containsExactly(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(itemsInTable()).isEqualTo(25);
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheWaitsCapped() {
        unprocessed.process = 1;
        unprocessed.times.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> writer(5).write(rows(25)))
                .isInstanceOfSatisfying(UnprocessedItemsException.class, e -> {
                    assertThat(e.unprocessed()).isEqualTo(20);
                    assertThat(e.attempts()).isEqualTo(5);
                    assertThat(e.tableName()).isEqualTo(TABLE);
                })
                .hasMessage("20 item(s) still unprocessed after 5 BatchWriteItem attempt(s) on table [IngestedRows]");
        assertThat(unprocessed.requestSizes).containsExactly(25, 24, 23, 22, 21);
        assertThat(itemsInTable()).isEqualTo(5);
        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void anInvocationThatCouldNotWriteFailsAndItsRetryCompletesTheFileWithoutDuplicates() throws Exception {
        InMemoryObjectSource source = new InMemoryObjectSource()
                .put("uploads", "incoming/readings.csv", "text/csv", Rows.resource("readings.csv"));
        InMemoryReportSink reports = new InMemoryReportSink();
        S3IngestHandler handler = new S3IngestHandler(FileIngest.of(source, writer(2), reports));
        byte[] event = S3Events.event()
                .objectCreated("uploads", "incoming/readings.csv", 200)
                .toJson()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        unprocessed.process = 2;
        unprocessed.times.set(2);

        assertThatThrownBy(() -> handler.handleRequest(
                        new java.io.ByteArrayInputStream(event), new ByteArrayOutputStream(), null))
                .isInstanceOf(IngestFailedException.class)
                .hasCauseInstanceOf(UnprocessedItemsException.class);
        assertThat(itemsInTable()).isEqualTo(4); // 2 items, then 2 of the 3 left; 1 left unprocessed
        // Lambda retries the event: the same items are written again, the missing ones with them.
        handler.handleRequest(new java.io.ByteArrayInputStream(event), new ByteArrayOutputStream(), null);

        assertThat(itemsInTable()).isEqualTo(5);
        assertThat(reports.reports()).isEmpty();
    }
}
