package io.github.dynastream;

/**
 * A failure that belongs to one stream record: the base of every exception that names a record, and
 * the one place its facts live. Either fact may be unknown (null) when the failure happened before
 * the record was known, as in an {@link ItemMappingException} raised by an {@code ItemReader}.
 *
 * <pre>{@code
 * result.failure().ifPresent(f -> {
 *     if (f.cause() instanceof RecordException e) {
 *         log.warn("record {} at {} failed: {}", e.eventId(), e.sequenceNumber(), e.getMessage());
 *     }
 * });
 * }</pre>
 */
public abstract class RecordException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    private final String eventId;
    private final String sequenceNumber;

    /**
     * @param eventId the record's eventID, or null if not known
     * @param sequenceNumber the record's sequence number, or null if not known
     * @param message the whole message (see {@link #describe(String, String)} for how to name the record)
     */
    RecordException(String eventId, String sequenceNumber, String message) {
        super(message);
        this.eventId = eventId;
        this.sequenceNumber = sequenceNumber;
    }

    /** The record's eventID, or null when not known. */
    public final String eventId() {
        return eventId;
    }

    /** The record's sequence number, or null when not known. */
    public final String sequenceNumber() {
        return sequenceNumber;
    }

    /** How messages name a record: {@code record eventID=..., sequenceNumber=...}. */
    static String describe(String eventId, String sequenceNumber) {
        return "record eventID=" + eventId + ", sequenceNumber=" + sequenceNumber;
    }
}
