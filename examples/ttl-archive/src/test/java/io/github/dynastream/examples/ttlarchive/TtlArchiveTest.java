package io.github.dynastream.examples.ttlarchive;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.testkit.EventSourceMappingSimulator;
import io.github.dynastream.testkit.Simulation;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.StreamHandlerFunction;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TtlArchiveTest {
    /** As template.yaml deploys it: the stream carries the OldImage, which is what gets archived. */
    static final TestTable SESSIONS = StreamEvents.table("Sessions")
            .partitionKey("id")
            .viewType(StreamViewType.OLD_IMAGE)
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryArchiveStore archive = new InMemoryArchiveStore();
    private final TtlArchiveHandler handler = new TtlArchiveHandler(archive, ArchiveLayout.of("id"));

    static Map<String, AttributeValue> session(String id) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.s(id));
        item.put("user", AttributeValue.s("alice"));
        item.put("expiresAt", AttributeValue.n("1767225600"));
        return item;
    }

    private static Simulation deliver(TestStream stream, Function<DynamodbEvent, StreamsEventResponse> function) {
        return EventSourceMappingSimulator.builder()
                .reportBatchItemFailures(true) // as template.yaml deploys it
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(10)
                .build()
                .run(stream, function);
    }

    @Test
    void archivesEachItemThatExpiredAndNoneThatAUserDeleted() {
        TestStream stream = SESSIONS.stream()
                .insert(session("s-1"))
                .insert(session("s-2"))
                .ttlExpire(session("s-1"))
                .remove(session("s-2")) // a user logs out: not archived
                .ttlExpire(session("s-3"));

        Simulation lambda = deliver(stream, StreamHandlerFunction.of(handler));

        assertThat(lambda).hasInvocationCount(1).hasNothingAtFailureDestination();
        assertThat(archive.objects())
                .containsOnlyKeys("archive/Sessions/2026/01/01/s-1.json", "archive/Sessions/2026/01/01/s-3.json");
        JsonNode document =
                json(archive.object("archive/Sessions/2026/01/01/s-1.json").orElseThrow());
        assertThat(document.path("table").asText()).isEqualTo("Sessions");
        assertThat(document.path("eventId").asText()).isEqualTo(stream.record(2).eventId());
        assertThat(document.path("expiredAt").asText()).isEqualTo("2026-01-01T00:00:02Z");
        assertThat(document.path("keys")).isEqualTo(json("{\"id\":{\"S\":\"s-1\"}}"));
        assertThat(document.path("item").path("user")).isEqualTo(json("{\"S\":\"alice\"}"));
        assertThat(document.path("item").path("expiresAt")).isEqualTo(json("{\"N\":\"1767225600\"}"));
    }

    @Test
    void userDeletesAndOtherChangesReachingTheFunctionAreIgnored() {
        // The FilterCriteria keeps these away from the function; if it is missing or edited, the handler
        // still archives nothing for them, and answers success so the shard moves on.
        TestStream stream = SESSIONS.stream()
                .insert(session("s-1"))
                .modify(session("s-1"), session("s-1"))
                .remove(session("s-1"));

        Simulation lambda = deliver(stream, StreamHandlerFunction.of(handler));

        assertThat(lambda).hasInvocationCount(1).hasNothingAtFailureDestination();
        assertThat(lambda.invocations().get(0).response().getBatchItemFailures())
                .isEmpty();
        assertThat(archive.puts()).isZero();
    }

    @Test
    void aTransientS3FailureIsRetriedAndEachExpiryEndsAsOneObject() {
        // The second put reaches S3, then the connection drops (or S3 answers 503 after the SDK's retries).
        AtomicInteger puts = new AtomicInteger();
        ArchiveStore flaky = (key, json) -> {
            archive.put(key, json);
            if (puts.incrementAndGet() == 2) {
                throw new IllegalStateException("Service Unavailable (503)");
            }
        };
        TestStream stream = SESSIONS.stream()
                .ttlExpire(session("s-1"))
                .ttlExpire(session("s-2"))
                .ttlExpire(session("s-3"));

        Simulation lambda =
                deliver(stream, StreamHandlerFunction.of(new TtlArchiveHandler(flaky, ArchiveLayout.of("id"))));

        assertThat(lambda).hasInvocationCount(2).hasNothingAtFailureDestination();
        assertThat(lambda.invocations().get(0).checkpoint())
                .isEqualTo(stream.record(1).sequenceNumber());
        assertThat(archive.puts()).isEqualTo(4); // s-2 was written twice, to the same key
        assertThat(archive.objects()).hasSize(3);
        // The same content as a run without failures.
        InMemoryArchiveStore clean = new InMemoryArchiveStore();
        TtlArchive.processor(clean, ArchiveLayout.of("id")).process(stream.toInputStream());
        assertThat(archive.objects()).isEqualTo(clean.objects());
    }

    @Test
    void aRedeliveredBatchOverwritesTheSameObjectsWithTheSameContent() {
        TestStream stream = SESSIONS.stream().ttlExpire(session("s-1")).ttlExpire(session("s-2"));
        StreamProcessor processor = TtlArchive.processor(archive, ArchiveLayout.of("id"));
        assertThat(processor.process(stream.toInputStream())).hasNoFailures();
        Map<String, String> first = archive.objects();

        assertThat(processor.process(stream.toDynamodbEvent())).hasNoFailures();

        assertThat(archive.puts()).isEqualTo(4);
        assertThat(archive.objects()).isEqualTo(first).hasSize(2);
    }

    @Test
    void anItemIsArchivedAsTypedDynamoDbJsonWithEveryDigitAndByte() {
        Map<String, AttributeValue> item = session("s-1");
        item.put("score", AttributeValue.n("12345678901234567890123456789012345678"));
        item.put("ratio", AttributeValue.n("0.50"));
        item.put("roles", new AttributeValue.SS(List.of("admin", "dev")));
        item.put("ports", new AttributeValue.NS(List.of(new BigDecimal("443"), new BigDecimal("8443"))));
        item.put("token", new AttributeValue.B(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}));
        item.put("keys", new AttributeValue.BS(List.of(new byte[] {1}, new byte[] {2})));
        item.put("device", AttributeValue.Null.INSTANCE);
        item.put("trusted", new AttributeValue.Bool(true));
        item.put(
                "history",
                new AttributeValue.L(List.of(new AttributeValue.M(Map.of("at", AttributeValue.s("09:00"))))));

        assertThat(TtlArchive.processor(archive, ArchiveLayout.of("id"))
                        .process(SESSIONS.stream().ttlExpire(item).toInputStream()))
                .hasNoFailures();

        JsonNode archived = json(archive.objects().values().iterator().next()).path("item");
        assertThat(archived.path("score")).isEqualTo(json("{\"N\":\"12345678901234567890123456789012345678\"}"));
        assertThat(archived.path("ratio")).isEqualTo(json("{\"N\":\"0.50\"}"));
        assertThat(archived.path("roles")).isEqualTo(json("{\"SS\":[\"admin\",\"dev\"]}"));
        assertThat(archived.path("ports")).isEqualTo(json("{\"NS\":[\"443\",\"8443\"]}"));
        assertThat(archived.path("token")).isEqualTo(json("{\"B\":\"AAH+/w==\"}"));
        assertThat(archived.path("keys")).isEqualTo(json("{\"BS\":[\"AQ==\",\"Ag==\"]}"));
        assertThat(archived.path("device")).isEqualTo(json("{\"NULL\":true}"));
        assertThat(archived.path("trusted")).isEqualTo(json("{\"BOOL\":true}"));
        assertThat(archived.path("history")).isEqualTo(json("{\"L\":[{\"M\":{\"at\":{\"S\":\"09:00\"}}}]}"));
        assertThat(archived.size()).isEqualTo(item.size());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
