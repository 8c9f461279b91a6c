package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.LastAppliedStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.KinesisDelivery;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB-backed per-item order guard against a real DynamoDB API (moto) over HTTP. */
class DynamoDbLastAppliedStoreIT {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private DynamoDbLastAppliedStore store(Duration retention) {
        DynamoDbClient client = AWS.dynamoDb();
        String table = "last-applied-" + TABLES.incrementAndGet();
        DynamoDbLastAppliedStore.createTable(client, table);
        return DynamoDbLastAppliedStore.builder()
                .client(client)
                .tableName(table)
                .keyPrefix("orders#")
                .retention(retention)
                .clock(clock)
                .build();
    }

    @Test
    void remembersTheLatestTimeToTheNanosecondAndNeverMovesItBack() {
        LastAppliedStore store = store(Duration.ofDays(8));
        Instant t1 = Instant.ofEpochSecond(1_731_924_555L, 370_123_000L);
        Instant t2 = t1.plusNanos(1_000);

        assertThat(store.lastApplied("Orders#a")).isEmpty();
        store.recordApplied("Orders#a", t2);
        store.recordApplied("Orders#a", t1); // older: kept out
        store.recordApplied("Orders#b", t1);

        assertThat(store.lastApplied("Orders#a")).contains(t2);
        assertThat(store.lastApplied("Orders#b")).contains(t1);
        store.recordApplied("Orders#a", t2); // equal: no change, no error
        assertThat(store.lastApplied("Orders#a")).contains(t2);
    }

    @Test
    void anItemIsForgottenAfterItsRetention() {
        LastAppliedStore store = store(Duration.ofHours(1));
        store.recordApplied("Orders#a", Instant.ofEpochSecond(100));

        clock.advance(Duration.ofHours(2));

        assertThat(store.lastApplied("Orders#a")).isEmpty();
        store.recordApplied("Orders#a", Instant.ofEpochSecond(50)); // an expired entry no longer holds writes back
        assertThat(store.lastApplied("Orders#a")).contains(Instant.ofEpochSecond(50));
    }

    record Order(String id, String status) {}

    /** Two processors (two function instances) share the guard: the older change is skipped by either. */
    @Test
    void processorsSharingTheStoreSkipAnOlderChangeWhicheverRunsIt() {
        TestTable orders = StreamEvents.table("Orders").partitionKey("id").build();
        KinesisDelivery delivery = orders.stream()
                .insert(new Order("o-1", "NEW"))
                .modify(new Order("o-1", "NEW"), new Order("o-1", "PAID"))
                .kinesis()
                .deliverAt(1, 0)
                .precision(ChronoUnit.MICROS);
        LastAppliedStore shared = store(Duration.ofDays(8));
        List<String> applied = new ArrayList<>();
        Object handler = new Object() {
            @OnInsert
            @OnModify
            void changed(Order order, ChangeRecord record) {
                applied.add(order.status());
            }
        };
        StreamProcessor first = StreamProcessor.builder()
                .handler(handler)
                .idempotency(IdempotencyStore.inMemory())
                .skipOlderChanges(shared)
                .build();
        StreamProcessor second = StreamProcessor.builder()
                .handler(handler)
                .idempotency(IdempotencyStore.inMemory())
                .skipOlderChanges(shared)
                .build();

        List<com.amazonaws.services.lambda.runtime.events.KinesisEvent> events = delivery.toKinesisEvents(1);
        assertThat(first.process(events.get(0)).getBatchItemFailures()).isEmpty();
        assertThat(second.process(events.get(1)).getBatchItemFailures()).isEmpty();

        assertThat(applied).containsExactly("PAID");
    }
}
