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
import io.github.dynastream.internal.ImageBytes;
import io.github.dynastream.mapping.RawImageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
 * <p>A Lambda <b>Kinesis</b> event, {@code {"Records": [{"eventSource": "aws:kinesis", "kinesis":
 * {"sequenceNumber": ..., "data": ...}}]}}, is recognised by its records' {@code kinesis} object: each
 * record's base64 {@code data} is decoded (bounded by {@link #MAX_KINESIS_PAYLOAD_BYTES}) and read as
 * the DynamoDB change record that Kinesis Data Streams for DynamoDB writes, its sequence number being
 * the Kinesis record's. A record whose payload cannot be read (not base64, too large, not a change
 * record) ends the batch there ({@link SourceBatch#unreadable()}), named by its Kinesis sequence
 * number; a record without a sequence number, or an event mixing Kinesis and stream records, fails
 * the event.
 *
 * <p>The whole event is held to the factory's {@code StreamReadConstraints}; a violation, like any
 * invalid JSON, fails the event with a message naming the record, field, line and column. An image
 * mapped on the way past is read through a {@link DepthLimitedParser}, so the mapping stops at the
 * attribute nesting limit and the record fails when the image is read.
 */
public final class EventJsonSource implements ChangeSource<byte[]> {
    /** DynamoDB's own limit on attribute nesting: 32 levels. */
    public static final int DYNAMODB_NESTING_DEPTH = 32;

    /**
     * The largest decoded Kinesis payload read: 1 MiB. A DynamoDB change record holds at most two
     * images of an item (400 KB each, DynamoDB's item size limit) and their metadata, so nothing
     * DynamoDB writes comes near it; anything larger is not a change record and fails its record
     * before it is decoded.
     */
    public static final int MAX_KINESIS_PAYLOAD_BYTES = 1 << 20;

    /** The base64 text of the largest payload read. */
    static final int MAX_KINESIS_DATA_CHARACTERS = (MAX_KINESIS_PAYLOAD_BYTES + 2) / 3 * 4;

    private static final String KINESIS_EVENT_SOURCE = "aws:kinesis";

    private static final BigDecimal MILLIS_THRESHOLD = new BigDecimal("1e11");
    private static final BigDecimal MICROS_THRESHOLD = new BigDecimal("1e14");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
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
        return records(event);
    }

    private SourceBatch records(byte[] event) {
        StreamReadConstraints limits = factory.streamReadConstraints();
        if (limits.hasMaxDocumentLength() && event.length > limits.getMaxDocumentLength()) {
            // jackson-core checks the length only of input it reads from a stream, not of an array
            throw new MalformedEventException("The event is " + event.length + " bytes long, longer than the "
                    + limits.getMaxDocumentLength() + " bytes StreamReadConstraints allow");
        }
        Position at = new Position();
        try (JsonParser p = factory.createParser(event)) {
            try {
                List<ChangeRecord> records = readEvent(p, event, at);
                return at.unreadable == null ? SourceBatch.of(records) : SourceBatch.stoppedAt(records, at.unreadable);
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
        Repeats repeats = new Repeats();
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
            int index = records.size();
            if (at.unreadable != null) {
                // Reading stopped at an unreadable record; the rest is only checked to be JSON.
                p.skipChildren();
                continue;
            }
            RecordFields r = new RecordFields(index, previous, repeats);
            at.record = r;
            readFields(p, event, r);
            boolean kinesis = r.kinesis;
            if (at.kinesis == null) {
                at.kinesis = kinesis;
            } else if (at.kinesis != kinesis) {
                throw new MalformedEventException(
                        index,
                        r.eventId,
                        null,
                        "is " + (kinesis ? "a Kinesis record" : "a DynamoDB stream record") + ", but record 0 was "
                                + (kinesis ? "a DynamoDB stream record" : "a Kinesis record")
                                + ": an event comes from one event source",
                        null);
            }
            if (kinesis) {
                ChangeRecord record = kinesisRecord(r, at);
                if (record != null) {
                    records.add(record);
                }
            } else {
                records.add(r.toRecord(factory, event, maxNestingDepth));
            }
            at.record = null;
            at.after = r;
            previous = r;
        }
        return records;
    }

    /**
     * The change record a Kinesis record carries, or null, having noted the record as unreadable,
     * when its payload cannot be read. A record the response could not name (no sequence number) or
     * that says it comes from another source fails the event.
     */
    private ChangeRecord kinesisRecord(RecordFields r, Position at) {
        if (r.eventSource != null && !KINESIS_EVENT_SOURCE.equals(r.eventSource)) {
            throw new MalformedEventException(
                    r.index,
                    r.eventId,
                    "eventSource",
                    "is \"" + r.eventSource + "\", but the record has a \"kinesis\" object; expected \""
                            + KINESIS_EVENT_SOURCE + "\"",
                    null);
        }
        if (r.kinesisSequence == null) {
            throw RecordChecks.missing(
                    r.index,
                    r.eventId,
                    "kinesis.sequenceNumber",
                    ", so a failure of this record could not be reported");
        }
        try {
            if (r.kinesisDataProblem != null) {
                throw r.payloadProblem(r.kinesisDataProblem);
            }
            if (r.kinesisData == null) {
                throw r.payloadProblem("is missing");
            }
            if (r.kinesisData.length() > MAX_KINESIS_DATA_CHARACTERS) {
                throw r.payloadProblem(tooLong(r.kinesisData.length() + " characters of base64"));
            }
            byte[] payload;
            try {
                payload = Base64.getDecoder().decode(r.kinesisData);
            } catch (IllegalArgumentException e) {
                throw r.payloadProblem("is not valid base64");
            }
            return readKinesisPayload(payload, r.index, r.kinesisSequence, r.eventSourceArn);
        } catch (MalformedEventException unreadable) {
            at.unreadable = new SourceBatch.Unreadable(r.kinesisSequence, unreadable);
            return null;
        }
    }

    static String tooLong(String size) {
        return "is " + size + ", more than the " + MAX_KINESIS_PAYLOAD_BYTES
                + " bytes a DynamoDB change record can take (two 400 KB images and their metadata)";
    }

    /**
     * Reads the DynamoDB change record a Kinesis record carries (its decoded {@code kinesis.data}):
     * a record in DynamoDB's stream format with {@code tableName} and {@code recordFormat}, without
     * {@code SequenceNumber} or {@code StreamViewType}, and with an {@code
     * ApproximateCreationDateTime} in epoch milliseconds or microseconds, as {@code
     * ApproximateCreationDateTimePrecision} says. The Kinesis record's sequence number becomes the
     * record's; its stream ARN, the record's event source ARN.
     *
     * @throws MalformedEventException naming the Kinesis sequence number and the field, if the payload
     *     is not such a record
     */
    ChangeRecord readKinesisPayload(byte[] payload, int index, String sequenceNumber, String streamArn) {
        if (payload.length > MAX_KINESIS_PAYLOAD_BYTES) {
            throw new MalformedEventException(
                    index,
                    sequenceNumber,
                    null,
                    RecordChecks.KINESIS_PAYLOAD,
                    tooLong(payload.length + " bytes once decoded"),
                    null);
        }
        RecordFields r = new RecordFields(index, null, new Repeats());
        r.payload = true;
        r.kinesisSequence = sequenceNumber;
        try (JsonParser p = factory.createParser(payload)) {
            try {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    throw r.payloadProblem((first == null ? "is empty" : "is " + kind(first))
                            + " once decoded, expected a DynamoDB change record (a JSON object)");
                }
                readFields(p, payload, r);
                if (p.nextToken() != null) {
                    throw r.payloadProblem(
                            "has content after the change record, at " + JsonErrors.where(p.currentTokenLocation()));
                }
            } catch (JsonProcessingException e) {
                JsonLocation location = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new MalformedEventException(
                        index,
                        sequenceNumber,
                        r.eventId,
                        r.field() != null ? r.field() : RecordChecks.KINESIS_PAYLOAD,
                        (e instanceof StreamConstraintsException
                                        ? "is beyond the JSON parser's limits (StreamReadConstraints): "
                                        : "is not valid JSON: ")
                                + JsonErrors.problem(e)
                                + " at "
                                + JsonErrors.where(location)
                                + " of the decoded payload",
                        e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory payload failed", e);
        }
        r.eventSourceArn = streamArn;
        return r.toRecord(factory, payload, maxNestingDepth);
    }

    /**
     * Reads one record. Fields that usually repeat from record to record (event name, source, region,
     * ARN, view type) reuse the previous record's string when the text is the same.
     */
    private void readFields(JsonParser p, byte[] event, RecordFields r) throws IOException {
        RecordFields last = r.previous;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            r.at(null, field);
            p.nextToken();
            switch (field) {
                case "eventID" -> r.eventId = string(p, r);
                case "eventName" -> r.eventName = repeated(p, r, Repeats.EVENT_NAME);
                case "eventVersion" -> r.eventVersion = repeated(p, r, Repeats.EVENT_VERSION);
                case "eventSource" -> r.eventSource = repeated(p, r, Repeats.EVENT_SOURCE);
                case "awsRegion" -> r.awsRegion = repeated(p, r, Repeats.AWS_REGION);
                case "eventSourceARN" -> r.eventSourceArn = repeated(p, r, Repeats.EVENT_SOURCE_ARN);
                case "tableName" -> r.tableName = repeated(p, r, Repeats.TABLE_NAME);
                case "userIdentity" -> r.userIdentity = userIdentity(p, r);
                case "dynamodb" -> readStreamRecord(p, r, last);
                case "kinesis" -> {
                    if (r.payload) {
                        p.skipChildren();
                    } else {
                        readKinesis(p, r);
                    }
                }
                default -> p.skipChildren();
            }
        }
        r.at(null, null);
    }

    /** The {@code kinesis} object of a Kinesis record: its sequence number and its base64 payload. */
    private static void readKinesis(JsonParser p, RecordFields r) throws IOException {
        r.kinesis = true;
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw r.wrongType(p, "an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            r.at("kinesis", field);
            JsonToken value = p.nextToken();
            switch (field) {
                case "sequenceNumber" -> r.kinesisSequence = scalarText(p, r);
                case "data" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        int length = p.getTextLength();
                        if (length > MAX_KINESIS_DATA_CHARACTERS) {
                            r.kinesisDataProblem = tooLong(length + " characters of base64");
                        } else {
                            r.kinesisData = p.getText();
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        r.kinesisDataProblem = "is " + kind(value) + ", expected a base64 string";
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        r.at(null, "kinesis");
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
                case "SequenceNumber" -> {
                    if (r.payload) {
                        p.skipChildren(); // the Kinesis record's sequence number is the record's
                    } else {
                        r.sequenceNumber = scalarText(p, r);
                    }
                }
                case "ApproximateCreationDateTimePrecision" -> r.precision = string(p, r);
                case "StreamViewType" -> r.streamViewType = repeated(p, r, Repeats.STREAM_VIEW_TYPE);
                case "SizeBytes" -> r.sizeBytes = sizeBytes(p, r);
                case "ApproximateCreationDateTime" -> {
                    if (r.payload) {
                        r.createdEpoch = epochNumber(p, r);
                    } else {
                        r.created = creationTime(p, r);
                    }
                }
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
     * (else skips it): from the bytes when the reader reads them, else from the parser's tokens.
     * The reader is held to the nesting limit either way; an image it does not map is left for
     * later, when reading it names what is wrong.
     */
    private Slice slice(JsonParser p, RecordFields r, RawImageReader<?> reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw r.wrongType(p, "an object (an image: attribute names to DynamoDB JSON values)");
        }
        long start = EventJsonFactory.tokenStartOffset(p);
        Object item = null;
        if (reader == null) {
            EventJsonFactory.skipObject(p);
        } else if (reader instanceof ImageBytes.Reader bytes
                && (item = EventJsonFactory.readImage(p, bytes, maxNestingDepth)) != null) {
            // mapped from the event's bytes; the parser is on the image's closing brace
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
        long end = EventJsonFactory.endOffset(p);
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
        /** Whether the event's records are Kinesis records, once the first was read. */
        Boolean kinesis;
        /** The Kinesis record reading stopped at, if any. */
        SourceBatch.Unreadable unreadable;

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

    /**
     * The string, or the same string as an earlier record's, so values that repeat from record to
     * record (event name, source, region, ARN, view type) are not copied again.
     */
    private static String repeated(JsonParser p, RecordFields r, int slot) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return string(p, r);
        }
        EventJsonFactory.FastSkipParser fast = EventJsonFactory.fast(p);
        if (fast != null && fast.unreadString()) {
            int start = fast.stringStart();
            String known = r.repeats.find(slot, fast.buffer(), start, fast.inputEnd());
            if (known != null) {
                return fast.takeAsciiString(start + known.length(), known);
            }
            int quote = fast.asciiStringEnd();
            if (quote >= 0) {
                return r.repeats.remember(slot, fast.takeAsciiString(quote, null));
            }
        }
        String known = r.repeats.find(slot, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return known != null ? known : r.repeats.remember(slot, string(p, r));
    }

    private static String string(JsonParser p, RecordFields r) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw r.wrongType(p, "a string");
        }
        EventJsonFactory.FastSkipParser fast = EventJsonFactory.fast(p);
        int quote = fast == null ? -1 : fast.asciiStringEnd();
        return quote >= 0 ? fast.takeAsciiString(quote, null) : p.getText();
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

    /** A creation time of a Kinesis payload as its number, converted once its unit is known. */
    private static BigDecimal epochNumber(JsonParser p, RecordFields r) throws IOException {
        JsonToken token = p.currentToken();
        try {
            return switch (token) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                case VALUE_STRING -> new BigDecimal(p.getText());
                default -> throw r.wrongType(p, "a number");
            };
        } catch (NumberFormatException e) {
            throw r.invalid(p, "is not a number of epoch milliseconds or microseconds");
        }
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
    /** An epoch time in a known unit ({@code perSecond} units to the second), exact to the nanosecond. */
    static Instant epochToInstant(BigDecimal epoch, BigDecimal perSecond) {
        checkMagnitude(epoch);
        return secondsToInstant(epoch.divide(perSecond));
    }

    private static void checkMagnitude(BigDecimal epoch) {
        long magnitude10 = (long) epoch.precision() - epoch.scale() - 1;
        if (epoch.signum() != 0 && (magnitude10 > 22 || magnitude10 < -9)) {
            throw new ArithmeticException("outside any epoch instant");
        }
    }

    static Instant epochToInstant(BigDecimal epoch) {
        // Checked on precision and scale alone, before any arithmetic: 1e999999999 written as a number
        // would otherwise cost a billion-digit power of ten. No unit makes an instant of 1E+23 or more,
        // and none is finer than a nanosecond.
        checkMagnitude(epoch);
        BigDecimal seconds = epoch;
        BigDecimal magnitude = epoch.abs();
        if (magnitude.compareTo(MICROS_THRESHOLD) >= 0) {
            seconds = epoch.divide(MILLION);
        } else if (magnitude.compareTo(MILLIS_THRESHOLD) >= 0) {
            seconds = epoch.divide(THOUSAND);
        }
        return secondsToInstant(seconds);
    }

    private static Instant secondsToInstant(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole)
                .multiply(BILLION)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** The fields of one record as they are read, in whatever order the JSON has them. */
    /**
     * The last few values seen for each field whose value usually repeats between the records of one
     * event, compared by their characters: a match costs no allocation, and one event's records share
     * one string per distinct value. Not thread-safe: one instance per event.
     */
    private static final class Repeats {
        static final int EVENT_NAME = 0;
        static final int EVENT_VERSION = 1;
        static final int EVENT_SOURCE = 2;
        static final int AWS_REGION = 3;
        static final int EVENT_SOURCE_ARN = 4;
        static final int TABLE_NAME = 5;
        static final int STREAM_VIEW_TYPE = 6;
        /** Values kept per field: INSERT, MODIFY and REMOVE, and one more. */
        private static final int WAYS = 4;

        private final String[] values = new String[7 * WAYS];
        private final char[][] chars = new char[7 * WAYS][];
        /** The values' bytes, for those that are printable ASCII other than quote and backslash. */
        private final byte[][] bytes = new byte[7 * WAYS][];

        private final int[] next = new int[7];

        /** Builds each of the event's change records in turn. */
        final ChangeRecord.Builder builder = ChangeRecord.builder();

        /** The value of the field seen before with these characters, or null. */
        String find(int slot, char[] text, int offset, int length) {
            for (int i = slot * WAYS, end = i + WAYS; i < end; i++) {
                char[] seen = chars[i];
                if (seen != null && seen.length == length && same(seen, text, offset)) {
                    return values[i];
                }
            }
            return null;
        }

        /**
         * The value of the field seen before whose bytes, with the closing quote after them, are at
         * {@code offset}: the value of an unread string token there, if it is one of those. Only
         * values read from plain ASCII bytes are found this way; each is compared with {@link
         * Arrays#equals(byte[], int, int, byte[], int, int)}, which compares many bytes at a time.
         */
        String find(int slot, byte[] text, int offset, int end) {
            for (int i = slot * WAYS, last = i + WAYS; i < last; i++) {
                byte[] seen = bytes[i];
                if (seen != null
                        && offset + seen.length < end
                        && text[offset + seen.length] == '"'
                        && Arrays.equals(seen, 0, seen.length, text, offset, offset + seen.length)) {
                    return values[i];
                }
            }
            return null;
        }

        private static boolean same(char[] seen, char[] text, int offset) {
            for (int i = seen.length - 1; i >= 0; i--) {
                if (seen[i] != text[offset + i]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean ascii(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        /** Keeps the value for {@link #find}, replacing the oldest one kept for the field. */
        String remember(int slot, String value) {
            if (value != null) {
                int i = slot * WAYS + next[slot];
                next[slot] = (next[slot] + 1) % WAYS;
                values[i] = value;
                chars[i] = value.toCharArray();
                bytes[i] = ascii(value) ? value.getBytes(StandardCharsets.ISO_8859_1) : null;
            }
            return value;
        }
    }

    private static final class RecordFields {
        final int index;
        final Repeats repeats;
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
        /** Whether this is a Kinesis record (it has a {@code kinesis} object). */
        boolean kinesis;

        String kinesisSequence;
        String kinesisData;
        String kinesisDataProblem;
        /** Whether these are the fields of a Kinesis record's payload, a DynamoDB change record. */
        boolean payload;

        BigDecimal createdEpoch;
        String precision;
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

        RecordFields(int index, RecordFields previous, Repeats repeats) {
            this.index = index;
            this.previous = previous;
            this.repeats = repeats;
        }

        /** Notes the field being read; its path is only put together for a message. */
        void at(String container, String field) {
            this.container = container;
            this.field = field;
        }

        /** The path of the field being read, e.g. {@code dynamodb.Keys}, or null. */
        String field() {
            String path = field == null ? null : container == null ? field : container + "." + field;
            return payload && path != null ? RecordChecks.KINESIS_PAYLOAD + "." + path : path;
        }

        MalformedEventException wrongType(JsonParser p, String expected) {
            return invalid(p, "is " + kind(p.currentToken()) + ", expected " + expected);
        }

        MalformedEventException invalid(JsonParser p, String problem) {
            return new MalformedEventException(
                    index,
                    payload ? kinesisSequence : null,
                    eventId,
                    field(),
                    problem + ", at " + JsonErrors.where(p.currentTokenLocation())
                            + (payload ? " of the decoded payload" : ""),
                    null);
        }

        /** A problem with the Kinesis record's payload as a whole ({@code kinesis.data}). */
        MalformedEventException payloadProblem(String problem) {
            return new MalformedEventException(
                    index, kinesisSequence, payload ? eventId : null, RecordChecks.KINESIS_PAYLOAD, problem, null);
        }

        ChangeRecord toRecord(JsonFactory factory, byte[] event, int maxNestingDepth) {
            RecordChecks.Checked checked;
            if (payload) {
                checked = RecordChecks.kinesisPayload(
                        index, kinesisSequence, hasStreamRecord, eventId, eventName, eventSource);
                sequenceNumber = kinesisSequence;
                created = payloadCreationTime();
            } else {
                checked = RecordChecks.streamRecord(
                        index, hasStreamRecord, eventId, eventName, sequenceNumber, streamViewType);
            }
            if (tableName == null && eventSourceArn != null) {
                // The same ARN as the previous record (the same string, see repeated()): the same table.
                tableNameFromArn = previous != null && previous.eventSourceArn == eventSourceArn
                        ? previous.tableNameFromArn
                        : StreamArns.tableName(eventSourceArn);
            }
            previous = null;
            // One builder for the event's records: every field is set here, so nothing carries over.
            return repeats.builder
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

        /**
         * The payload's creation time, in the unit {@code ApproximateCreationDateTimePrecision} names
         * (told apart by size without it), so an instant keeps exactly the precision DynamoDB wrote.
         */
        private Instant payloadCreationTime() {
            String field = RecordChecks.KINESIS_PAYLOAD + ".dynamodb.ApproximateCreationDateTime";
            BigDecimal perSecond = null;
            if (precision != null) {
                perSecond = switch (precision) {
                    case "MILLISECOND" -> THOUSAND;
                    case "MICROSECOND" -> MILLION;
                    default ->
                        throw new MalformedEventException(
                                index,
                                kinesisSequence,
                                eventId,
                                field + "Precision",
                                "is \"" + precision + "\", which is not one of [MILLISECOND, MICROSECOND]",
                                null);
                };
            }
            if (createdEpoch == null) {
                return null;
            }
            try {
                return perSecond == null ? epochToInstant(createdEpoch) : epochToInstant(createdEpoch, perSecond);
            } catch (ArithmeticException | DateTimeException e) {
                throw new MalformedEventException(
                        index,
                        kinesisSequence,
                        eventId,
                        field,
                        "is not an instant in epoch "
                                + (perSecond == null
                                        ? "seconds, milliseconds or microseconds"
                                        : precision.toLowerCase(Locale.ROOT) + "s"),
                        null);
            }
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
