package io.github.dynastream;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The input is not a DynamoDB stream event dynastream can process: invalid JSON, no records, a record
 * without a sequence number, an unsupported shape. Thrown from {@code process(...)} instead of
 * returning a success, so Lambda retries the batch and the problem is visible.
 *
 * <p>When the problem lies in one record, the exception says which: its index in the event, its
 * eventID if it was read before the problem, and the field. The message names the same facts (and,
 * for event JSON, the line and column), never an attribute value.
 *
 * <p>The constructors are public because every {@link io.github.dynastream.source.ChangeSource}
 * throws it for input it cannot read, a source of your own included.
 *
 * <pre>{@code
 * try {
 *     processor.process(input);
 * } catch (MalformedEventException e) {
 *     log.error("unprocessable event: record {}, field {}: {}",
 *             e.recordIndex(), e.field().orElse("-"), e.getMessage());
 *     throw e;
 * }
 * }</pre>
 */
public final class MalformedEventException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    private final int recordIndex;
    private final String eventId;
    private final String sequenceNumber;
    private final String field;

    /** @param message what was wrong and where (record index, eventID, field) */
    public MalformedEventException(String message) {
        this(message, null);
    }

    /**
     * @param message what was wrong and where
     * @param cause the parser's error
     */
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
        this.recordIndex = -1;
        this.eventId = null;
        this.sequenceNumber = null;
        this.field = null;
    }

    /**
     * A problem with one record of the event. The message is made from the facts, e.g. {@code Record
     * 2 (eventID=e-7): dynamodb.Keys is an array, expected an object, at line 1, column 310}.
     *
     * @param recordIndex the record's position in the event, from 0
     * @param eventId the record's eventID, or null if it was not read (yet)
     * @param field the field that is wrong, e.g. {@code dynamodb.SequenceNumber}, or null when it is
     *     the record as a whole
     * @param problem what is wrong with the field (or record), without any attribute value, e.g.
     *     {@code "is missing"}
     * @param cause the parser's error, or null
     */
    public MalformedEventException(int recordIndex, String eventId, String field, String problem, Throwable cause) {
        this(recordIndex, null, eventId, field, problem, cause);
    }

    /**
     * A problem with one record of the event that is known by its sequence number, as a Kinesis
     * record is by its {@code kinesis.sequenceNumber} before its payload is read, e.g. {@code Record
     * 0 (sequenceNumber=4965..., eventID=d942...): kinesis.data.eventName is missing}.
     *
     * @param recordIndex the record's position in the event, from 0
     * @param sequenceNumber the record's sequence number, or null if not known
     * @param eventId the record's eventID, or null if it was not read (yet)
     * @param field the field that is wrong, or null when it is the record as a whole
     * @param problem what is wrong with the field (or record), without any attribute value
     * @param cause the parser's error, or null
     */
    public MalformedEventException(
            int recordIndex, String sequenceNumber, String eventId, String field, String problem, Throwable cause) {
        super(describe(recordIndex, sequenceNumber, eventId, field, problem), cause);
        if (recordIndex < 0) {
            throw new IllegalArgumentException("record index must be >= 0 but was [" + recordIndex + "]");
        }
        this.recordIndex = recordIndex;
        this.eventId = eventId;
        this.sequenceNumber = sequenceNumber;
        this.field = field;
    }

    private static String describe(
            int recordIndex, String sequenceNumber, String eventId, String field, String problem) {
        Objects.requireNonNull(problem, "problem");
        String facts = sequenceNumber == null
                ? (eventId == null ? "" : " (eventID=" + eventId + ")")
                : " (sequenceNumber=" + sequenceNumber + (eventId == null ? "" : ", eventID=" + eventId) + ")";
        String record = "Record " + recordIndex + facts;
        return field == null ? record + " " + problem : record + ": " + field + " " + problem;
    }

    /** The index in the event of the record that is wrong, if the problem lies in one record. */
    public OptionalInt recordIndex() {
        return recordIndex < 0 ? OptionalInt.empty() : OptionalInt.of(recordIndex);
    }

    /** The eventID of the record that is wrong, if the record has one and it was read. */
    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }

    /** The sequence number of the record that is wrong, if the message names it (Kinesis records). */
    public Optional<String> sequenceNumber() {
        return Optional.ofNullable(sequenceNumber);
    }

    /** The field that is wrong, e.g. {@code dynamodb.SequenceNumber}, if the problem lies in one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
