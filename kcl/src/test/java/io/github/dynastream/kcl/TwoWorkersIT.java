package io.github.dynastream.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.testkit.LocalAws;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two KCL workers of one application on moto (DynamoDB for KCL's tables, DynamoDB Streams for the
 * records) consume a stream the Enhanced Client writes: the one holding the shard stops, the other
 * takes its lease over at the checkpoint, and every change takes effect once, in order per item.
 * Nothing here may reach beyond loopback ({@link LoopbackOnly}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoWorkersIT {
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final LoopbackOnly NETWORK = new LoopbackOnly();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final LocalAws AWS = LocalAws.forTests();

    private static final int ITEMS = 10;
    private static final int VERSIONS = 5;

    /** One change taking effect: which worker's handler ran, for which item and version. */
    record Effect(String worker, String id, int version) {}

    /** What both workers' handlers did, in the order they did it. */
    private final List<Effect> effects = new ArrayList<>();

    private StreamProcessor processor(String worker, DynamoDbIdempotencyStore store) {
        return StreamProcessor.builder()
                .itemMapper(TableSchemaMapper.create())
                .idempotency(store)
                .idempotencyLease(Duration.ofSeconds(30))
                .logBatchSummary(false)
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    void on(io.github.dynastream.kcl.Order order) {
                        synchronized (effects) {
                            effects.add(new Effect(worker, order.getId(), order.getVersion()));
                        }
                    }
                })
                .build();
    }

    private int effectCount() {
        synchronized (effects) {
            return effects.size();
        }
    }

    private List<Effect> effects() {
        synchronized (effects) {
            return List.copyOf(effects);
        }
    }

    @Test
    @Order(1)
    void nothingBeyondLoopbackCanBeReachedAndTheTripwireSeesTheInstanceMetadataAddress() throws Exception {
        assertThat(LoopbackOnly.canConnect(InetAddress.getByName("192.0.2.1"), 443))
                .as("a connection to a documentation address (TEST-NET-1)")
                .isFalse();
        assertThat(LoopbackOnly.canConnect(LoopbackOnly.INSTANCE_METADATA, 80)).isTrue();
        assertThat(KclOnMoto.await(
                        Duration.ofSeconds(5), () -> !NETWORK.tripped().isEmpty()))
                .as("the tripwire saw the connection")
                .isTrue();
        NETWORK.clear();
    }

    @Test
    @Order(2)
    @Timeout(60)
    void whenTheWorkerHoldingTheShardStopsTheOtherTakesOverAndEveryChangeTakesEffectOnceInOrder() {
        DynamoDbClient dynamoDb = AWS.dynamoDb();
        String streamArn = KclOnMoto.createStreamedTable(dynamoDb, "Orders");
        KclOnMoto.seedLeaseTable(dynamoDb, AWS.dynamoDbStreams(), streamArn, "orders-app");
        DynamoDbIdempotencyStore.createTable(dynamoDb, "idempotency");
        DynamoDbIdempotencyStore store = DynamoDbIdempotencyStore.builder()
                .client(dynamoDb)
                .tableName("idempotency")
                .keyPrefix("orders#")
                .build();
        DynamoDbTable<io.github.dynastream.kcl.Order> orders = KclOnMoto.orders(dynamoDb, "Orders");
        writeVersions(orders, 1, 3); // 30 changes before the workers start

        try (DynamoDbAsyncClient kclDynamoDb = KclOnMoto.asyncDynamoDb(AWS)) {
            KclWorker a = KclOnMoto.worker(AWS, kclDynamoDb, streamArn, "orders-app", processor("a", store))
                    .workerId("worker-a")
                    .build();
            KclWorker b = KclOnMoto.worker(AWS, kclDynamoDb, streamArn, "orders-app", processor("b", store))
                    .workerId("worker-b")
                    .build();
            // The second worker starts once the first holds the shard. Started together, both would
            // take the shard's lease with a conditional write at the same moment; DynamoDB lets one of
            // them succeed, but moto checks the condition and writes without a lock (docs/moto.md), so
            // both could, and both would process the shard: a race of moto's, not of KCL's.
            a.start();
            assertThat(KclOnMoto.await(Duration.ofSeconds(25), () -> effectCount() >= 1))
                    .as("the first worker takes the shard")
                    .isTrue();
            b.start();
            assertThat(KclOnMoto.await(Duration.ofSeconds(25), () -> effectCount() >= 30))
                    .as("the first 30 changes take effect; so far %s", effects())
                    .isTrue();
            String first = effects().get(0).worker();
            KclWorker holder = first.equals("a") ? a : b;
            KclWorker other = holder == a ? b : a;

            holder.close(); // graceful: checkpoint, lease released
            int beforeTakeover = effectCount();
            writeVersions(orders, 4, 5); // 20 more, for the other worker
            boolean allDone = KclOnMoto.await(Duration.ofSeconds(25), () -> effectCount() >= ITEMS * VERSIONS);
            other.close();

            List<Effect> seen = effects();
            assertThat(allDone).as("all changes took effect; seen %s", seen).isTrue();
            assertThat(seen.subList(0, beforeTakeover)).allMatch(e -> e.worker().equals(first));
            assertThat(seen.subList(beforeTakeover, seen.size()))
                    .as("after the stop only the other worker ran handlers")
                    .allMatch(e -> !e.worker().equals(first));
            assertEachChangeOnceInOrderPerItem(seen);
        }
        assertThat(NETWORK.tripped()).isEmpty();
    }

    private static void writeVersions(DynamoDbTable<io.github.dynastream.kcl.Order> orders, int from, int to) {
        for (int version = from; version <= to; version++) {
            for (int item = 0; item < ITEMS; item++) {
                orders.putItem(new io.github.dynastream.kcl.Order("order-" + item, version, "v" + version));
            }
        }
    }

    private static void assertEachChangeOnceInOrderPerItem(List<Effect> seen) {
        Set<String> once = new HashSet<>();
        Map<String, Integer> lastVersion = new HashMap<>();
        for (Effect effect : seen) {
            assertThat(once.add(effect.id() + "@" + effect.version()))
                    .as("%s took effect once", effect)
                    .isTrue();
            int previous = lastVersion.getOrDefault(effect.id(), 0);
            assertThat(effect.version())
                    .as("%s follows version %s", effect, previous)
                    .isEqualTo(previous + 1);
            lastVersion.put(effect.id(), effect.version());
        }
        assertThat(once).hasSize(ITEMS * VERSIONS);
    }
}
