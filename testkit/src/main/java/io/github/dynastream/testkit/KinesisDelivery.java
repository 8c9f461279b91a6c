package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.ChangeRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A {@link TestStream}'s changes as Kinesis Data Streams for DynamoDB delivers them to Lambda: each
 * change a Kinesis record whose base64 {@code data} is DynamoDB's change record ({@code recordFormat},
 * {@code tableName}, creation time in milliseconds or microseconds, no {@code SequenceNumber} or
 * {@code StreamViewType}), each Kinesis record with its own Kinesis sequence number, increasing in
 * delivery order. Kinesis may deliver a change more than once and an item's changes out of order;
 * {@link #duplicate(int)}, {@link #deliverAt(int, int)} and {@link #shuffled(long)} write such
 * deliveries.
 *
 * <pre>{@code
 * KinesisDelivery delivery = stream.kinesis()
 *         .duplicate(0)          // change 0 arrives twice
 *         .deliverAt(3, 1)       // change 3 overtakes changes 1 and 2
 *         .precision(ChronoUnit.MICROS);
 * StreamsEventResponse response = processor.process(delivery.toInputStream());
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class KinesisDelivery {
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigInteger FIRST_SEQUENCE =
            new BigInteger("49657828409187701520019995242508390119953358325192589314");
    private static final BigInteger SEQUENCE_STEP = new BigInteger("1208925819614629174706176");
    private static final String SHARD = "shardId-000000000000";

    private final List<ChangeRecord> changes;
    private final String region;
    private final String table;
    private final List<Integer> order = new ArrayList<>();
    private ChronoUnit precision = ChronoUnit.MILLIS;

    KinesisDelivery(List<ChangeRecord> changes, String region, String table) {
        this.changes = List.copyOf(changes);
        this.region = region;
        this.table = table;
        for (int i = 0; i < changes.size(); i++) {
            order.add(i);
        }
    }

    /** Delivers change {@code index} (its position in the stream) a second time, right after the first. */
    public KinesisDelivery duplicate(int index) {
        int at = order.indexOf(checked(index));
        order.add(at + 1, index);
        return this;
    }

    /**
     * Moves the (first) delivery of change {@code index} to position {@code position} of the delivery
     * order, so that it overtakes, or falls behind, the changes in between.
     */
    public KinesisDelivery deliverAt(int index, int position) {
        order.remove(Integer.valueOf(checked(index)));
        if (position < 0 || position > order.size()) {
            throw new IndexOutOfBoundsException(
                    "position must be between 0 and " + order.size() + " but was [" + position + "]");
        }
        order.add(position, index);
        return this;
    }

    /** Delivers the changes in an order shuffled from this seed (duplicates included). */
    public KinesisDelivery shuffled(long seed) {
        Collections.shuffle(order, new Random(seed));
        return this;
    }

    /**
     * Delivers the changes in exactly this order of stream positions: a position twice is a
     * duplicate, a position left out is a change not delivered.
     */
    public KinesisDelivery inOrder(List<Integer> positions) {
        List<Integer> checked = new ArrayList<>(positions.size());
        for (Integer position : positions) {
            checked.add(checked(Objects.requireNonNull(position, "position")));
        }
        order.clear();
        order.addAll(checked);
        return this;
    }

    /**
     * The unit of {@code ApproximateCreationDateTime} in the payloads: {@link ChronoUnit#MILLIS} (the
     * default, written without {@code ApproximateCreationDateTimePrecision}, as DynamoDB's default
     * writes it) or {@link ChronoUnit#MICROS} (written with {@code "MICROSECOND"}).
     */
    public KinesisDelivery precision(ChronoUnit unit) {
        if (unit != ChronoUnit.MILLIS && unit != ChronoUnit.MICROS) {
            throw new IllegalArgumentException("precision must be MILLIS or MICROS but was [" + unit + "]");
        }
        this.precision = unit;
        return this;
    }

    private int checked(int index) {
        if (index < 0 || index >= changes.size()) {
            throw new IndexOutOfBoundsException(
                    "the stream has " + changes.size() + " change(s); no change [" + index + "]");
        }
        return index;
    }

    /** The positions in the stream of the changes, in delivery order. */
    public List<Integer> order() {
        return List.copyOf(order);
    }

    /**
     * The records as a processor reads them, in delivery order: the stream's changes with the Kinesis
     * sequence numbers, the Kinesis stream's ARN, the table name, no view type or event version, and
     * creation times at the payload's precision.
     */
    public List<ChangeRecord> records() {
        List<ChangeRecord> out = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            ChangeRecord change = changes.get(order.get(i));
            out.add(change.toBuilder()
                    .sequenceNumber(sequenceNumber(i))
                    .eventVersion(null)
                    .eventSourceArn(streamArn())
                    .tableName(table)
                    .streamViewType(null)
                    .approximateCreationDateTime(change.approximateCreationDateTime()
                            .map(t -> t.truncatedTo(precision))
                            .orElse(null))
                    .build());
        }
        return out;
    }

    /** The Kinesis stream's ARN the deliveries name. */
    public String streamArn() {
        return "arn:aws:kinesis:" + region + ":123456789012:stream/" + table + "-changes";
    }

    /** The Kinesis sequence number of the delivery at this position of the delivery order. */
    public String sequenceNumber(int delivery) {
        return FIRST_SEQUENCE
                .add(SEQUENCE_STEP.multiply(BigInteger.valueOf(delivery)))
                .toString();
    }

    /** The DynamoDB change record that is the {@code data} of one delivery, as UTF-8 JSON. */
    public byte[] payload(int delivery) {
        return payload(changes.get(order.get(delivery)));
    }

    /** All deliveries as one Lambda Kinesis event JSON document, UTF-8. */
    public byte[] toJsonBytes() {
        return toJsonBytes(0, order.size());
    }

    /** All deliveries as one Lambda Kinesis event JSON document. */
    public String toJson() {
        return new String(toJsonBytes(), StandardCharsets.UTF_8);
    }

    /** All deliveries as Lambda Kinesis event JSON, for {@code process(InputStream)}. */
    public InputStream toInputStream() {
        return new ByteArrayInputStream(toJsonBytes());
    }

    /** The deliveries as Lambda Kinesis event JSON documents of at most {@code batchSize} records. */
    public List<byte[]> toJsonBatches(int batchSize) {
        requirePositive(batchSize);
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(toJsonBytes(from, Math.min(order.size(), from + batchSize)));
        }
        return batches;
    }

    /** All deliveries as one event, as the Lambda runtime deserializes it. */
    public KinesisEvent toKinesisEvent() {
        return toKinesisEvent(0, order.size());
    }

    /** The deliveries as events of at most {@code batchSize} records, as Lambda reads a shard. */
    public List<KinesisEvent> toKinesisEvents(int batchSize) {
        requirePositive(batchSize);
        List<KinesisEvent> events = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            events.add(toKinesisEvent(from, Math.min(order.size(), from + batchSize)));
        }
        return events;
    }

    /**
     * The deliveries of these records (from {@link #records()}, matched by Kinesis sequence number)
     * as one event, for a function under the {@link EventSourceMappingSimulator}:
     *
     * <pre>{@code
     * Simulation simulation = simulator.run(delivery.records(), batch -> processor.process(delivery.toKinesisEvent(batch)));
     * }</pre>
     *
     * @throws IllegalArgumentException if a record is not one of these deliveries
     */
    public KinesisEvent toKinesisEvent(DynamodbEvent batch) {
        List<Integer> positions = positions(batch);
        KinesisEvent event = new KinesisEvent();
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>(positions.size());
        for (int position : positions) {
            records.addAll(toKinesisEvent(position, position + 1).getRecords());
        }
        event.setRecords(records);
        return event;
    }

    /** As {@link #toKinesisEvent(DynamodbEvent)}, as Lambda Kinesis event JSON. */
    public InputStream toInputStream(DynamodbEvent batch) {
        List<Integer> positions = positions(batch);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < positions.size(); i++) {
            byte[] one = toJsonBytes(positions.get(i), positions.get(i) + 1);
            // {"Records":[ ... ]}: keep the record between the brackets
            int start = "{\"Records\":[".length();
            if (i > 0) {
                json.write(',');
            }
            json.write(one, start, one.length - start - 2);
        }
        json.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return new ByteArrayInputStream(json.toByteArray());
    }

    private List<Integer> positions(DynamodbEvent batch) {
        Objects.requireNonNull(batch, "batch");
        List<Integer> positions = new ArrayList<>(batch.getRecords().size());
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            String sequenceNumber = record.getDynamodb().getSequenceNumber();
            BigInteger offset = new BigInteger(sequenceNumber).subtract(FIRST_SEQUENCE);
            BigInteger[] position = offset.divideAndRemainder(SEQUENCE_STEP);
            if (offset.signum() < 0 || position[1].signum() != 0 || position[0].intValueExact() >= order.size()) {
                throw new IllegalArgumentException(
                        "sequence number [" + sequenceNumber + "] is not one of this delivery's");
            }
            positions.add(position[0].intValueExact());
        }
        return positions;
    }

    private static void requirePositive(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0 but was [" + batchSize + "]");
        }
    }

    private KinesisEvent toKinesisEvent(int from, int to) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ChangeRecord change = changes.get(order.get(i));
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setKinesisSchemaVersion("1.0");
            kinesis.setPartitionKey(partitionKey(change));
            kinesis.setSequenceNumber(sequenceNumber(i));
            kinesis.setData(ByteBuffer.wrap(payload(change)));
            kinesis.setApproximateArrivalTimestamp(Date.from(arrival(change)));
            KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventSource("aws:kinesis");
            record.setEventVersion("1.0");
            record.setEventID(SHARD + ":" + sequenceNumber(i));
            record.setEventName("aws:kinesis:record");
            record.setInvokeIdentityArn("arn:aws:iam::123456789012:role/test-function-role");
            record.setAwsRegion(region);
            record.setEventSourceARN(streamArn());
            records.add(record);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    private byte[] toJsonBytes(int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (int i = from; i < to; i++) {
                ChangeRecord change = changes.get(order.get(i));
                out.writeStartObject();
                out.writeObjectFieldStart("kinesis");
                out.writeStringField("kinesisSchemaVersion", "1.0");
                out.writeStringField("partitionKey", partitionKey(change));
                out.writeStringField("sequenceNumber", sequenceNumber(i));
                out.writeStringField("data", Base64.getEncoder().encodeToString(payload(change)));
                Instant arrival = arrival(change);
                out.writeFieldName("approximateArrivalTimestamp");
                out.writeNumber(BigDecimal.valueOf(arrival.toEpochMilli(), 3));
                out.writeEndObject();
                out.writeStringField("eventSource", "aws:kinesis");
                out.writeStringField("eventVersion", "1.0");
                out.writeStringField("eventID", SHARD + ":" + sequenceNumber(i));
                out.writeStringField("eventName", "aws:kinesis:record");
                out.writeStringField("invokeIdentityArn", "arn:aws:iam::123456789012:role/test-function-role");
                out.writeStringField("awsRegion", region);
                out.writeStringField("eventSourceARN", streamArn());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Kinesis receives a change shortly after DynamoDB made it. */
    private static Instant arrival(ChangeRecord change) {
        return change.approximateCreationDateTime().orElse(Instant.EPOCH).plusMillis(500);
    }

    private byte[] payload(ChangeRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("awsRegion", region);
            out.writeStringField("eventID", r.eventId());
            out.writeStringField("eventName", r.eventName().name());
            if (r.userIdentity().isPresent()) {
                out.writeObjectFieldStart("userIdentity");
                out.writeStringField("type", r.userIdentity().get().type());
                out.writeStringField("principalId", r.userIdentity().get().principalId());
                out.writeEndObject();
            } else {
                out.writeNullField("userIdentity");
            }
            out.writeStringField("recordFormat", "application/json");
            out.writeStringField("tableName", table);
            out.writeObjectFieldStart("dynamodb");
            if (r.approximateCreationDateTime().isPresent()) {
                Instant created = r.approximateCreationDateTime().get();
                out.writeNumberField(
                        "ApproximateCreationDateTime",
                        precision == ChronoUnit.MILLIS
                                ? created.toEpochMilli()
                                : Math.addExact(
                                        Math.multiplyExact(created.getEpochSecond(), 1_000_000L),
                                        created.getNano() / 1_000));
                if (precision == ChronoUnit.MICROS) {
                    out.writeStringField("ApproximateCreationDateTimePrecision", "MICROSECOND");
                }
            }
            out.writeFieldName("Keys");
            LambdaEvents.writeImage(out, r.keys());
            if (r.newImage().isPresent()) {
                out.writeFieldName("NewImage");
                LambdaEvents.writeImage(out, r.newImage().get());
            }
            if (r.oldImage().isPresent()) {
                out.writeFieldName("OldImage");
                LambdaEvents.writeImage(out, r.oldImage().get());
            }
            if (r.sizeBytes().isPresent()) {
                out.writeNumberField("SizeBytes", r.sizeBytes().getAsLong());
            }
            out.writeEndObject();
            out.writeStringField("eventSource", "aws:dynamodb");
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** As DynamoDB names the Kinesis partition: a hex MD5 of the item's key. */
    private static String partitionKey(ChangeRecord change) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(md5.digest(change.keys().toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
