package io.github.dynastream;

import java.time.Instant;

/**
 * Another live invocation holds the idempotency lease of this record: it is not run twice at once.
 * The record fails, and Lambda retries it later, when the other invocation finished or its lease
 * expired.
 */
public final class RecordInProgressException extends DynastreamException {
    private static final long serialVersionUID = 1L;

    private final String eventId;
    private final String sequenceNumber;
    private final transient Instant leaseExpiresAt;

    /**
     * @param eventId the record's eventID
     * @param sequenceNumber the record's sequence number
     * @param leaseExpiresAt when the other invocation's lease expires, if known
     */
    public RecordInProgressException(String eventId, String sequenceNumber, Instant leaseExpiresAt) {
        super("Record eventID=" + eventId + ", sequenceNumber=" + sequenceNumber
                + " is being processed by another invocation"
                + (leaseExpiresAt == null ? "" : " (its lease expires at " + leaseExpiresAt + ")"));
        this.eventId = eventId;
        this.sequenceNumber = sequenceNumber;
        this.leaseExpiresAt = leaseExpiresAt;
    }

    /** The record's eventID. */
    public String eventId() {
        return eventId;
    }

    /** The record's sequence number. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** When the other invocation's lease expires, or null if unknown. */
    public Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }
}
