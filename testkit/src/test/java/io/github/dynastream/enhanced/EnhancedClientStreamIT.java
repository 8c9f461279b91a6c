package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.dynastream.BatchResult;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.LocalAws;
import io.github.dynastream.testkit.Theories;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
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
 * Entities written with the Enhanced Client produce real stream records in DynamoDB (moto); read
 * through the Streams API and processed, they reach handlers equal to what was written.
 */
class EnhancedClientStreamIT {
    private static final TableSchema<Shipment> SCHEMA = TableSchema.fromBean(Shipment.class);
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    private static DynamoDbClient client;
    private static DynamoDbStreamsClient streams;
    private static DynamoDbEnhancedClient enhanced;

    @BeforeAll
    static void connect() {
        client = AWS.dynamoDb();
        streams = AWS.dynamoDbStreams();
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    /** One write: put or update a full entity, or delete one. */
    record Write(String kind, Shipment item) {}

    /** What a handler saw: the event and the entities mapped from the old and new images. */
    record Seen(String event, Shipment before, Shipment after) {}

    /** Up to eight writes to three items, at least one of them not a delete. */
    static Gen<List<Write>> writes() {
        Gen<Write> write = Generate.pick(List.of("put", "update", "delete"))
                .zip(shipments(), Generate.range(0, 2), (kind, item, which) -> {
                    item.setId("s-" + which);
                    item.setSeq(which);
                    return new Write(kind, item);
                });
        return lists().of(write)
                .ofSizeBetween(1, 8)
                .assuming(all -> all.stream().anyMatch(w -> !w.kind().equals("delete")));
    }

    private static Gen<String> text(int min, int max) {
        Gen<Character> alphanumeric = Generate.pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                .chars()
                .mapToObj(c -> (char) c)
                .toList());
        return lists().of(alphanumeric)
                .ofSizeBetween(min, max)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Exact decimals: up to 38 significant digits, up to 20 of them after the point. */
    private static Gen<BigDecimal> exact() {
        Gen<BigInteger> unscaled = lists().of(Generate.range(0, 9))
                .ofSizeBetween(1, 38)
                .map(digits ->
                        new BigInteger(digits.stream().map(String::valueOf).collect(Collectors.joining())));
        return unscaled.zip(
                Generate.booleans(),
                Generate.range(0, 20),
                (digits, negative, scale) -> new BigDecimal(negative ? digits.negate() : digits, scale));
    }

    private static <T> Gen<T> orNull(Gen<T> values, int percentNull) {
        return Generate.frequency(
                Pair.of(percentNull, Generate.constant(() -> null)), Pair.of(100 - percentNull, values));
    }

    private static <T> Gen<Set<T>> sets(Gen<T> members) {
        return lists().of(members).ofSizeBetween(1, 3).map(list -> (Set<T>) new LinkedHashSet<>(list));
    }

    private static Gen<Shipment> shipments() {
        Gen<String> text = text(0, 12);
        Gen<SdkBytes> bytes = Generate.byteArrays(
                        Generate.range(0, 8), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .map(SdkBytes::fromByteArray);
        Gen<Instant> instants =
                Generate.longRange(0, 4_000_000_000L).zip(Generate.range(0, 999_999_999), Instant::ofEpochSecond);
        Gen<Shipment.Address> address = text.zip(orNull(text, 50), Shipment.Address::new);
        Gen<LinkedHashMap<String, String>> attributes = lists().of(text(1, 5).zip(text, Map::entry))
                .ofSizeBetween(0, 3)
                .map(entries -> {
                    LinkedHashMap<String, String> map = new LinkedHashMap<>();
                    entries.forEach(e -> map.putIfAbsent(e.getKey(), e.getValue()));
                    return map;
                });

        Gen<Shipment> numbers = Generate.range(0, 1000)
                .zip(
                        orNull(exact(), 20),
                        orNull(Generate.pick(List.of(0.5, 2.25, -1.0, 1024.0)), 20),
                        orNull(Generate.booleans(), 20),
                        (parcels, total, weight, express) -> {
                            Shipment s = new Shipment();
                            s.setParcels(parcels);
                            s.setTotal(total);
                            s.setWeight(weight);
                            s.setExpress(express);
                            return s;
                        });
        return numbers.zip(
                orNull(instants, 20)
                        .zip(
                                orNull(Generate.enumValues(Shipment.Status.class), 20),
                                orNull(bytes, 20),
                                orNull(sets(text), 30),
                                Fields1::new),
                orNull(sets(Generate.range(-50, 50)), 30)
                        .zip(
                                orNull(sets(bytes.assuming(b -> b.asByteArrayUnsafe().length > 0)), 30),
                                orNull(lists().of(text).ofSizeBetween(0, 3), 20),
                                orNull(attributes, 20),
                                Fields2::new),
                orNull(address, 30)
                        .zip(
                                orNull(lists().of(address).ofSizeBetween(0, 2), 20),
                                text.zip(instants, Shipment.Audit::new),
                                orNull(
                                        Generate.pick(List.of("EUR", "USD"))
                                                .zip(exact().map(v -> v.abs()), Shipment.Money::new),
                                        30),
                                Fields3::new),
                (s, a, b, c) -> {
                    s.setShippedAt(a.shippedAt());
                    s.setStatus(a.status());
                    s.setLabel(a.label());
                    s.setTags(a.tags());
                    s.setScores(b.scores());
                    s.setBlobs(b.blobs());
                    s.setNotes(b.notes());
                    s.setAttributes(b.attributes());
                    s.setAddress(c.address());
                    s.setStops(c.stops());
                    s.setAudit(c.audit());
                    s.setPrice(c.price());
                    return s;
                });
    }

    record Fields1(Instant shippedAt, Shipment.Status status, SdkBytes label, Set<String> tags) {}

    record Fields2(
            Set<Integer> scores, Set<SdkBytes> blobs, List<String> notes, LinkedHashMap<String, String> attributes) {}

    record Fields3(
            Shipment.Address address, List<Shipment.Address> stops, Shipment.Audit audit, Shipment.Money price) {}

    @Test
    void handlersReceiveWhatTheEnhancedClientWrote() {
        Theories.qt(12).forAll(writes()).checkAssert(EnhancedClientStreamIT::roundTrip);
    }

    private static void roundTrip(List<Write> writes) {
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
                case "update" -> {
                    if (before == null) {
                        // DynamoDB writes one INSERT for an UpdateItem that creates an item; moto
                        // writes two (the key alone, then the item), so items are created with a put.
                        table.putItem(item);
                    } else {
                        table.updateItem(item);
                    }
                }
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
