package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.BatchResult;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.LocalDynamoDb;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Entities written with the Enhanced Client produce real stream records in DynamoDB Local; read
 * through the Streams API and processed, they reach handlers equal to what was written.
 */
class EnhancedClientStreamIT {
    private static final TableSchema<Shipment> SCHEMA = TableSchema.fromBean(Shipment.class);
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;
    private static DynamoDbStreamsClient streams;
    private static DynamoDbEnhancedClient enhanced;

    @BeforeContainer
    static void startDynamoDbLocal() {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client();
        streams = dynamoDb.streams();
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    @AfterContainer
    static void stopDynamoDbLocal() {
        client.close();
        streams.close();
        dynamoDb.close();
    }

    /** One write: put or update a full entity, or delete one. */
    record Write(String kind, Shipment item) {}

    /** What a handler saw: the event and the entities mapped from the old and new images. */
    record Seen(String event, Shipment before, Shipment after) {}

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Write> write = Combinators.combine(
                        Arbitraries.of("put", "update", "delete"),
                        shipments(),
                        Arbitraries.integers().between(0, 2))
                .as((kind, item, which) -> {
                    item.setId("s-" + which);
                    item.setSeq(which);
                    return new Write(kind, item);
                });
        return write.list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .filter(all -> all.stream().anyMatch(w -> !w.kind().equals("delete")));
    }

    private static Arbitrary<Shipment> shipments() {
        Arbitrary<String> text = Arbitraries.strings().alpha().numeric().ofMaxLength(12);
        Arbitrary<BigDecimal> exact = Arbitraries.bigIntegers()
                .between(
                        new BigInteger("-99999999999999999999999999999999999999"),
                        new BigInteger("99999999999999999999999999999999999999"))
                .map(BigDecimal::new)
                .flatMap(unscaled ->
                        Arbitraries.integers().between(0, 20).map(scale -> unscaled.scaleByPowerOfTen(-scale)));
        Arbitrary<SdkBytes> bytes =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(SdkBytes::fromByteArray);
        Arbitrary<Instant> instants = Arbitraries.longs()
                .between(0, 4_000_000_000L)
                .flatMap(seconds -> Arbitraries.integers()
                        .between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
        return Combinators.combine(
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 1000),
                                        exact.injectNull(0.2),
                                        Arbitraries.of(0.5, 2.25, -1.0, 1024.0).injectNull(0.2),
                                        Arbitraries.of(true, false).injectNull(0.2),
                                        instants.injectNull(0.2),
                                        Arbitraries.of(Shipment.Status.class).injectNull(0.2),
                                        bytes.injectNull(0.2),
                                        text.set().ofMinSize(1).ofMaxSize(3).injectNull(0.3))
                                .as(Fields1::new),
                        Combinators.combine(
                                        Arbitraries.integers()
                                                .between(-50, 50)
                                                .set()
                                                .ofMinSize(1)
                                                .ofMaxSize(3)
                                                .injectNull(0.3),
                                        bytes.filter(b -> b.asByteArrayUnsafe().length > 0)
                                                .set()
                                                .ofMinSize(1)
                                                .ofMaxSize(3)
                                                .injectNull(0.3),
                                        text.list().ofMaxSize(3).injectNull(0.2),
                                        Arbitraries.maps(
                                                        Arbitraries.strings()
                                                                .alpha()
                                                                .ofMinLength(1)
                                                                .ofMaxLength(5),
                                                        text)
                                                .ofMaxSize(3)
                                                .map(LinkedHashMap::new)
                                                .injectNull(0.2),
                                        Combinators.combine(text, text.injectNull(0.5))
                                                .as(Shipment.Address::new)
                                                .injectNull(0.3),
                                        Combinators.combine(text, text.injectNull(0.5))
                                                .as(Shipment.Address::new)
                                                .list()
                                                .ofMaxSize(2)
                                                .injectNull(0.2),
                                        Combinators.combine(text, instants).as(Shipment.Audit::new),
                                        Combinators.combine(
                                                        Arbitraries.of("EUR", "USD"),
                                                        exact.filter(v -> v.signum() >= 0))
                                                .as(Shipment.Money::new)
                                                .injectNull(0.3))
                                .as(Fields2::new))
                .as((a, b) -> {
                    Shipment s = new Shipment();
                    s.setParcels(a.parcels);
                    s.setTotal(a.total);
                    s.setWeight(a.weight);
                    s.setExpress(a.express);
                    s.setShippedAt(a.shippedAt);
                    s.setStatus(a.status);
                    s.setLabel(a.label);
                    s.setTags(a.tags);
                    s.setScores(b.scores);
                    s.setBlobs(b.blobs);
                    s.setNotes(b.notes);
                    s.setAttributes(b.attributes);
                    s.setAddress(b.address);
                    s.setStops(b.stops);
                    s.setAudit(b.audit);
                    s.setPrice(b.price);
                    return s;
                });
    }

    record Fields1(
            int parcels,
            BigDecimal total,
            Double weight,
            Boolean express,
            Instant shippedAt,
            Shipment.Status status,
            SdkBytes label,
            Set<String> tags) {}

    record Fields2(
            Set<Integer> scores,
            Set<SdkBytes> blobs,
            List<String> notes,
            LinkedHashMap<String, String> attributes,
            Shipment.Address address,
            List<Shipment.Address> stops,
            Shipment.Audit audit,
            Shipment.Money price) {}

    @Property(tries = 12, seed = "271828")
    void handlersReceiveWhatTheEnhancedClientWrote(@ForAll("writes") List<Write> writes) {
        String tableName = "shipments-" + TABLES.incrementAndGet();
        createTable(tableName);
        DynamoDbTable<Shipment> table = enhanced.table(tableName, SCHEMA);

        List<Seen> expected = new ArrayList<>();
        List<Shipment> written = new ArrayList<>();
        Map<String, Shipment> current = new HashMap<>();
        int version = 0;
        for (Write write : writes) {
            Shipment item = write.item();
            item.setParcels(version++); // every write changes something, so every write is a stream record
            Shipment before = current.get(item.getId());
            switch (write.kind()) {
                case "put" -> table.putItem(item);
                case "update" -> table.updateItem(item);
                default -> {
                    if (before == null) {
                        continue; // deleting a missing item writes no stream record
                    }
                    table.deleteItem(Key.builder()
                            .partitionValue(item.getId())
                            .sortValue(item.getSeq())
                            .build());
                }
            }
            Shipment after = write.kind().equals("delete") ? null : table.getItem(item);
            expected.add(new Seen(before == null ? "INSERT" : after == null ? "REMOVE" : "MODIFY", before, after));
            written.add(after == null ? null : item);
            if (after == null) {
                current.remove(item.getId());
            } else {
                current.put(item.getId(), after);
            }
        }

        String streamArn =
                client.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        List<Record> records = readStream(streamArn, expected.size());
        List<Seen> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(TableSchemaMapper.builder()
                        .schema(Shipment.class, SCHEMA)
                        .build())
                .handler(new Object() {
                    @OnInsert
                    void inserted(Shipment s) {
                        seen.add(new Seen("INSERT", null, s));
                    }

                    @OnModify
                    void modified(Change<Shipment> change) {
                        seen.add(new Seen("MODIFY", change.oldItem(), change.newItem()));
                    }

                    @OnRemove
                    void removed(Shipment s, ChangeRecord record) {
                        seen.add(new Seen("REMOVE", s, null));
                    }
                })
                .build();

        BatchResult result = processor.processRecords(StreamsApiRecords.toChangeRecords(records, streamArn));

        assertThat(result.failure()).isEmpty();
        assertThat(seen).isEqualTo(expected);
        // The new images also equal the objects the Enhanced Client was given, field for field.
        for (int i = 0; i < written.size(); i++) {
            assertThat(seen.get(i).after()).isEqualTo(written.get(i));
        }
    }

    private static void createTable(String name) {
        client.createTable(CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("seq")
                                .attributeType(ScalarAttributeType.N)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("seq")
                                .keyType(KeyType.RANGE)
                                .build())
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build());
    }

    /** Reads every shard from the start until the expected number of records arrived (bounded). */
    private static List<Record> readStream(String streamArn, int expected) {
        List<Record> records = new ArrayList<>();
        List<Shard> shards = streams.describeStream(r -> r.streamArn(streamArn))
                .streamDescription()
                .shards();
        for (Shard shard : shards) {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            for (int polls = 0; iterator != null && polls < 20 && records.size() < expected; polls++) {
                String current = iterator;
                var page = streams.getRecords(r -> r.shardIterator(current));
                records.addAll(page.records());
                iterator = page.nextShardIterator();
            }
        }
        assertThat(records).as("stream records of %s", streamArn).hasSize(expected);
        return records;
    }
}
