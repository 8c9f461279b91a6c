package io.github.dynastream.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.UserIdentity;
import io.github.dynastream.internal.DepthLimitedParser;
import io.github.dynastream.mapping.RawImageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The source adapter for raw Lambda event JSON (what a {@code RequestStreamHandler} gets): reads it
 * with Jackson's streaming parser, straight into {@link ChangeRecord}s. Each image is remembered as a byte range and decoded into attributes only when
 * something asks for it. The image a handler method will map (as the dispatcher says) is mapped on the
 * way past, so its bytes are read once; the others are skipped by scanning for their closing brace
 * ({@link EventJsonFactory}), so their JSON is checked only if they are read later.
 *
 * <p>Accepts {@code {"Records": [...]}} (Lambda, including tumbling-window events, whose window
 * fields are ignored; also a Streams API GetRecords response) and a top-level array of records
 * (EventBridge Pipes). Every other shape is rejected with a message that says what was seen.
 *
 * <p>The whole event is held to the factory's {@code StreamReadConstraints}; a violation, like any
 * invalid JSON, fails the event with a message naming the record, field, line and column. An image
 * mapped on the way past is read through a {@link DepthLimitedParser}, so the mapping stops at the
 * attribute nesting limit and the record fails when the image is read.
 */
public final class EventJsonSource implements ChangeSource<byte[]> {
    /** DynamoDB's own limit on attribute nesting: 32 levels. */
    public static final int DYNAMODB_NESTING_DEPTH = 32;

    private static final BigDecimal MILLIS_THRESHOLD = new BigDecimal("1e11");
    private static final BigDecimal MICROS_THRESHOLD = new BigDecimal("1e14");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    private final JsonFactory factory;
    private final InPlaceReaders inPlace;
    private final int maxNestingDepth;

    EventJsonSource(JsonFactory factory, InPlaceReaders inPlace, int maxNestingDepth) {
        this.factory = factory;
        this.inPlace = inPlace;
        this.maxNestingDepth = maxNestingDepth;
    }

    /**
     * A source whose parsers skip unread images by scanning their bytes.
     *
     * <pre>{@code
     * EventJsonSource source = EventJsonSource.create(InPlaceReaders.NONE, EventJsonSource.DYNAMODB_NESTING_DEPTH);
     * List<ChangeRecord> records = source.read(eventBytes).records();
     * }</pre>
     *
     * @param inPlace the readers that map an image while the event is parsed, so its bytes are read
     *     once; an image mapped here is still kept as bytes for everything else
     * @param maxNestingDepth the deepest attribute level an image may have when it is read, a
     *     top-level attribute being level 1
     */
    public static EventJsonSource create(InPlaceReaders inPlace, int maxNestingDepth) {
        return new EventJsonSource(new EventJsonFactory(), Objects.requireNonNull(inPlace, "inPlace"), maxNestingDepth);
    }

    /**
     * A source that parses with a factory of your own: its {@code StreamReadConstraints} apply, and
     * images nobody reads are skipped by tokenizing them (the byte scan needs the processor's own
     * factory).
     *
     * <pre>{@code
     * JsonFactory factory = JsonFactory.builder()
     *         .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(6_000_000).build())
     *         .build();
     * EventJsonSource source = EventJsonSource.create(factory, InPlaceReaders.NONE, 32);
     * }</pre>
     */
    public static EventJsonSource create(JsonFactory factory, InPlaceReaders inPlace, int maxNestingDepth) {
        return new EventJsonSource(
                Objects.requireNonNull(factory, "factory"),
                Objects.requireNonNull(inPlace, "inPlace"),
                maxNestingDepth);
    }

    /** The factory this source parses with, which the processor also writes its responses with. */
    public JsonFactory jsonFactory() {
        return factory;
    }

    /**
     * Reads an event.
     *
     * @throws MalformedEventException if it is not valid JSON or not one of the shapes above, saying
     *     what was seen and where
     */
    @Override
    public SourceBatch read(byte[] event) {
        Objects.requireNonNull(event, "event");
        return SourceBatch.of(records(event));
    }

    private List<ChangeRecord> records(byte[] event) {
        StreamReadConstraints limits = factory.streamReadConstraints();
        if (limits.hasMaxDocumentLength() && event.length > limits.getMaxDocumentLength()) {
            // jackson-core checks the length only of input it reads from a stream, not of an array
            throw new MalformedEventException("The event is " + event.length + " bytes long, longer than the "
                    + limits.getMaxDocumentLength() + " bytes StreamReadConstraints allow");
        }
        Position at = new Position();
        try (JsonParser p = factory.createParser(event)) {
            try {
                return readEvent(p, event, at);
            } catch (JsonProcessingException e) {
                throw at.notJson(e, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory event failed", e);
        }
    }

    private List<ChangeRecord> readEvent(JsonParser p, byte[] event, Position at) throws IOException {
        JsonToken first = p.nextToken();
        List<ChangeRecord> records;
        if (first == JsonToken.START_ARRAY) {
            records = readRecords(p, event, at);
        } else if (first == JsonToken.START_OBJECT) {
            records = readEventObject(p, event, at);
        } else if (first == null) {
            throw new MalformedEventException("The event is empty; " + expectedShape());
        } else {
            throw new MalformedEventException("The event is " + kind(first) + " (" + first + "); " + expectedShape());
        }
        if (p.nextToken() != null) {
            throw new MalformedEventException(
                    "Unexpected content after the end of the event at " + JsonErrors.where(p.currentTokenLocation()));
        }
        return records;
    }

    private static String expectedShape() {
        return "expected a DynamoDB stream event: an object with a \"Records\" array, or an array of records";
    }

    /** How messages name the kind of JSON value a token starts: "an object", "a string", ... */
    static String kind(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private List<ChangeRecord> readEventObject(JsonParser p, byte[] event, Position at) throws IOException {
        List<ChangeRecord> records = null;
        Set<String> fields = new TreeSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            at.topLevelField = field;
            JsonToken value = p.nextToken();
            if ("Records".equals(field)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new MalformedEventException("\"Records\" is " + kind(value)
                            + ", expected an array of stream records (at "
                            + JsonErrors.where(p.currentTokenLocation()) + ")");
                }
                records = readRecords(p, event, at);
            } else {
                fields.add(field);
                p.skipChildren();
            }
            at.topLevelField = null;
        }
        if (records == null) {
            if (fields.contains("dynamodb") || fields.contains("eventID")) {
                throw new MalformedEventException("Saw a single stream record (top-level fields " + fields
                        + "), not an event; " + expectedShape() + ", e.g. {\"Records\": [record]}");
            }
            throw new MalformedEventException(
                    "The event has no \"Records\" array (top-level fields were " + fields + "); " + expectedShape());
        }
        return records;
    }

    private List<ChangeRecord> readRecords(JsonParser p, byte[] event, Position at) throws IOException {
        List<ChangeRecord> records = new ArrayList<>();
        RecordFields previous = null;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedEventException(
                        records.size(),
                        null,
                        null,
                        "is " + kind(token) + ", expected an object (a stream record), at "
                                + JsonErrors.where(p.currentTokenLocation()),
                        null);
            }
            RecordFields r = new RecordFields(records.size(), previous);
            at.record = r;
            records.add(readRecord(p, event, r));
            at.record = null;
            at.after = r;
            previous = r;
        }
        return records;
    }

    /**
     * Reads one record. Fields that usually repeat from record to record (event name, source, region,
     * ARN, view type) reuse the previous record's string when the text is the same.
     */
    private ChangeRecord readRecord(JsonParser p, byte[] event, RecordFields r) throws IOException {
        RecordFields last = r.previous;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            r.at(null, field);
            p.nextToken();
            switch (field) {
                case "eventID" -> r.eventId = string(p, r);
                case "eventName" -> r.eventName = repeated(p, r, last == null ? null : last.eventName);
                case "eventVersion" -> r.eventVersion = repeated(p, r, last == null ? null : last.eventVersion);
                case "eventSource" -> r.eventSource = repeated(p, r, last == null ? null : last.eventSource);
                case "awsRegion" -> r.awsRegion = repeated(p, r, last == null ? null : last.awsRegion);
                case "eventSourceARN" -> r.eventSourceArn = repeated(p, r, last == null ? null : last.eventSourceArn);
                case "tableName" -> r.tableName = repeated(p, r, last == null ? null : last.tableName);
                case "userIdentity" -> r.userIdentity = userIdentity(p, r);
                case "dynamodb" -> readStreamRecord(p, r, last);
                case "kinesis" -> {
                    r.kinesis = true;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        r.at(null, null);
        return r.toRecord(factory, event, maxNestingDepth);
    }

    private void readStreamRecord(JsonParser p, RecordFields r, RecordFields last) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw r.wrongType(p, "an object");
        }
        r.hasStreamRecord = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            r.at("dynamodb", field);
            p.nextToken();
            switch (field) {
                case "SequenceNumber" -> r.sequenceNumber = scalarText(p, r);
                case "StreamViewType" -> r.streamViewType = repeated(p, r, last == null ? null : last.streamViewType);
                case "SizeBytes" -> r.sizeBytes = sizeBytes(p, r);
                case "ApproximateCreationDateTime" -> r.created = creationTime(p, r);
                case "Keys" -> r.keys = slice(p, r, null);
                case "NewImage" -> r.newImage = slice(p, r, inPlaceReader(r, true));
                case "OldImage" -> r.oldImage = slice(p, r, inPlaceReader(r, false));
                default -> p.skipChildren();
            }
        }
    }

    /** The reader that maps this image now, if the record's event name is already known. */
    private RawImageReader<?> inPlaceReader(RecordFields r, boolean newImage) {
        if (r.eventName == null) {
            return null;
        }
        EventName name = switch (r.eventName) {
            case "INSERT" -> EventName.INSERT;
            case "MODIFY" -> EventName.MODIFY;
            case "REMOVE" -> EventName.REMOVE;
            default -> null;
        };
        return name == null ? null : inPlace.inPlace(name, newImage);
    }

    /**
     * Remembers where an image's bytes are; maps it on the way past when a reader is given and can
     * (else skips it). The reader sees the image through a parser that stops it at the nesting limit;
     * an image it does not map is left for later, when reading it names what is wrong.
     */
    private Slice slice(JsonParser p, RecordFields r, RawImageReader<?> reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw r.wrongType(p, "an object (an image: attribute names to DynamoDB JSON values)");
        }
        long start = p.currentTokenLocation().getByteOffset();
        Object item = null;
        if (reader == null) {
            EventJsonFactory.skipObject(p);
        } else {
            JsonStreamContext enclosing = p.getParsingContext().getParent();
            try {
                item = reader.readInPlace(DepthLimitedParser.limit(p, maxNestingDepth));
            } catch (DepthLimitedParser.TooDeep tooDeep) {
                item = null;
            } finally {
                DepthLimitedParser.lift(p);
            }
            if (item == null) {
                while (p.currentToken() != JsonToken.END_OBJECT || p.getParsingContext() != enclosing) {
                    if (p.nextToken() == null) {
                        throw new MalformedEventException(
                                r.index, r.eventId, r.field(), "is cut off: the event ends inside it", null);
                    }
                }
            }
        }
        long end = p.currentLocation().getByteOffset();
        return new Slice((int) start, (int) (end - start), reader, item);
    }

    /** Where an image is in the event, and the item mapped from it on the way past, if any. */
    private record Slice(int offset, int length, RawImageReader<?> reader, Object item) {}

    /**
     * Where the parser is, for the message when the JSON itself is wrong: in which record and field,
     * after which record, or in which top-level field.
     */
    private static final class Position {
        RecordFields record;
        RecordFields after;
        String topLevelField;

        MalformedEventException notJson(JsonProcessingException e, JsonParser p) {
            JsonLocation location = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            String problem = (e instanceof StreamConstraintsException
                            ? "is beyond the JSON parser's limits (StreamReadConstraints): "
                            : "is not valid JSON: ")
                    + JsonErrors.problem(e)
                    + " at "
                    + JsonErrors.where(location);
            if (record != null) {
                return new MalformedEventException(record.index, record.eventId, record.field(), problem, e);
            }
            if (after != null) {
                return new MalformedEventException(
                        "The event " + problem + " (after record " + after.index
                                + (after.eventId == null ? "" : ", eventID=" + after.eventId) + ")",
                        e);
            }
            if (topLevelField != null) {
                return new MalformedEventException("The event's field \"" + topLevelField + "\" " + problem, e);
            }
            return new MalformedEventException("The event " + problem, e);
        }
    }

    /** The string, or the previous record's same string, so repeated values are not copied again. */
    private static String repeated(JsonParser p, RecordFields r, String previous) throws IOException {
        if (previous != null && p.currentToken() == JsonToken.VALUE_STRING) {
            int length = p.getTextLength();
            if (length == previous.length()) {
                char[] text = p.getTextCharacters();
                int offset = p.getTextOffset();
                int i = 0;
                while (i < length && text[offset + i] == previous.charAt(i)) {
                    i++;
                }
                if (i == length) {
                    return previous;
                }
            }
        }
        return string(p, r);
    }

    private static String string(JsonParser p, RecordFields r) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw r.wrongType(p, "a string");
        }
        return p.getText();
    }

    /** A string, or an integer kept as its digits (so no sequence number is rounded). */
    private static String scalarText(JsonParser p, RecordFields r) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        return string(p, r);
    }

    private static Long sizeBytes(JsonParser p, RecordFields r) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw r.wrongType(p, "an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw r.invalid(p, "is too large for a size in bytes");
        }
        return p.getLongValue();
    }

    private static UserIdentity userIdentity(JsonParser p, RecordFields r) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw r.wrongType(p, "an object");
        }
        String type = null;
        String principalId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            r.at("userIdentity", field);
            p.nextToken();
            switch (field) {
                case "type" -> type = string(p, r);
                case "principalId" -> principalId = string(p, r);
                default -> p.skipChildren();
            }
        }
        r.at(null, "userIdentity");
        return new UserIdentity(type, principalId);
    }

    private static Instant creationTime(JsonParser p, RecordFields r) throws IOException {
        JsonToken token = p.currentToken();
        try {
            return switch (token) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT -> epochSecondsToInstant(p);
                case VALUE_NUMBER_FLOAT -> epochToInstant(p.getDecimalValue());
                case VALUE_STRING -> parseTime(p.getText());
                default -> throw r.wrongType(p, "a number or a string");
            };
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw r.invalid(p, "is neither epoch seconds, epoch milliseconds nor an ISO-8601 instant");
        }
    }

    /** Whole epoch seconds, the usual case, without going through BigDecimal. */
    private static Instant epochSecondsToInstant(JsonParser p) throws IOException {
        if (p.getNumberType() == JsonParser.NumberType.INT) {
            return Instant.ofEpochSecond(p.getIntValue());
        }
        return epochToInstant(p.getDecimalValue());
    }

    private static Instant parseTime(String text) {
        try {
            return epochToInstant(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return Instant.parse(text);
        }
    }

    /**
     * Epoch seconds (Lambda, Streams API) as an instant, exact to the nanosecond. Kinesis Data Streams
     * for DynamoDB writes epoch milliseconds (microseconds in some documents), told apart by size:
     * seconds stay below 10^11 until the year 5138.
     */
    static Instant epochToInstant(BigDecimal epoch) {
        // Checked on precision and scale alone, before any arithmetic: 1e999999999 written as a number
        // would otherwise cost a billion-digit power of ten. No unit makes an instant of 1E+23 or more,
        // and none is finer than a nanosecond.
        long magnitude10 = (long) epoch.precision() - epoch.scale() - 1;
        if (epoch.signum() != 0 && (magnitude10 > 22 || magnitude10 < -9)) {
            throw new ArithmeticException("outside any epoch instant");
        }
        BigDecimal seconds = epoch;
        BigDecimal magnitude = epoch.abs();
        if (magnitude.compareTo(MICROS_THRESHOLD) >= 0) {
            seconds = epoch.divide(THOUSAND.multiply(THOUSAND));
        } else if (magnitude.compareTo(MILLIS_THRESHOLD) >= 0) {
            seconds = epoch.divide(THOUSAND);
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole)
                .multiply(BILLION)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** The fields of one record as they are read, in whatever order the JSON has them. */
    private static final class RecordFields {
        final int index;
        RecordFields previous;
        String eventId;
        String eventName;
        String eventVersion;
        String eventSource;
        String awsRegion;
        String eventSourceArn;
        String tableName;
        UserIdentity userIdentity;
        boolean hasStreamRecord;
        boolean kinesis;
        String sequenceNumber;
        String streamViewType;
        Long sizeBytes;
        Instant created;
        Slice keys;
        Slice newImage;
        Slice oldImage;
        String tableNameFromArn;

        /** The object the field being read is in ({@code dynamodb}, {@code userIdentity}), or null. */
        String container;
        /** The field being read, or null between fields. */
        String field;

        RecordFields(int index, RecordFields previous) {
            this.index = index;
            this.previous = previous;
        }

        /** Notes the field being read; its path is only put together for a message. */
        void at(String container, String field) {
            this.container = container;
            this.field = field;
        }

        /** The path of the field being read, e.g. {@code dynamodb.Keys}, or null. */
        String field() {
            return field == null ? null : container == null ? field : container + "." + field;
        }

        MalformedEventException wrongType(JsonParser p, String expected) {
            return invalid(p, "is " + kind(p.currentToken()) + ", expected " + expected);
        }

        MalformedEventException invalid(JsonParser p, String problem) {
            return new MalformedEventException(
                    index, eventId, field(), problem + ", at " + JsonErrors.where(p.currentTokenLocation()), null);
        }

        ChangeRecord toRecord(JsonFactory factory, byte[] event, int maxNestingDepth) {
            if (kinesis) {
                throw new MalformedEventException(
                        index,
                        eventId,
                        "kinesis",
                        "is present: this is a Kinesis event (eventSource " + eventSource
                                + "); StreamProcessor reads DynamoDB stream events, not Kinesis Data Streams records",
                        null);
            }
            RecordChecks.Checked checked = RecordChecks.streamRecord(
                    index, hasStreamRecord, eventId, eventName, sequenceNumber, streamViewType);
            if (tableName == null && eventSourceArn != null) {
                // The same ARN as the previous record (the same string, see repeated()): the same table.
                tableNameFromArn = previous != null && previous.eventSourceArn == eventSourceArn
                        ? previous.tableNameFromArn
                        : StreamArns.tableName(eventSourceArn);
            }
            previous = null;
            return ChangeRecord.builder()
                    .eventId(eventId)
                    .eventName(checked.eventName())
                    .sequenceNumber(sequenceNumber)
                    .eventVersion(eventVersion)
                    .eventSource(eventSource)
                    .awsRegion(awsRegion)
                    .eventSourceArn(eventSourceArn)
                    .tableName(tableName != null ? tableName : tableNameFromArn)
                    .sizeBytes(sizeBytes)
                    .streamViewType(checked.streamViewType())
                    .approximateCreationDateTime(created)
                    .userIdentity(userIdentity)
                    .lazyKeys(keys == null ? null : raw(factory, event, keys, "Keys", maxNestingDepth))
                    .rawOldImage(oldImage == null ? null : raw(factory, event, oldImage, "OldImage", maxNestingDepth))
                    .rawNewImage(newImage == null ? null : raw(factory, event, newImage, "NewImage", maxNestingDepth))
                    .build();
        }

        private RawImage raw(JsonFactory factory, byte[] event, Slice slice, String image, int maxNestingDepth) {
            RawImage raw = new RawImage(
                    factory,
                    event,
                    slice.offset(),
                    slice.length(),
                    maxNestingDepth,
                    new ImageJsonDecoder(
                            factory,
                            event,
                            slice.offset(),
                            slice.length(),
                            eventId,
                            sequenceNumber,
                            image,
                            maxNestingDepth));
            if (slice.item() != null) {
                raw.itemReadInPlace(slice.reader(), slice.item());
            }
            return raw;
        }
    }
}
