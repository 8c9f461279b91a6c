package io.github.dynastream;

import java.time.Instant;

/**
 * Another live invocation holds the idempotency lease of this record: it is not run twice at once.
 * The record fails, and Lambda retries it later, when the other invocation finished or its lease
 * expired. Only dynastream raises it (the constructor is package-private): an {@code
 * IdempotencyStore} reports a held lease through its acquisition result.
 */
public final class RecordInProgressException extends RecordException {
    private static final long serialVersionUID = 1L;

    private final transient Instant leaseExpiresAt;

    /**
     * @param eventId the record's eventID
     * @param sequenceNumber the record's sequence number
     * @param leaseExpiresAt when the other invocation's lease expires, if known
     */
    RecordInProgressException(String eventId, String sequenceNumber, Instant leaseExpiresAt) {
        super(
                eventId,
                sequenceNumber,
                "Another invocation is processing " + describe(eventId, sequenceNumber)
                        + (leaseExpiresAt == null ? "" : " (its lease expires at " + leaseExpiresAt + ")"));
        this.leaseExpiresAt = leaseExpiresAt;
    }

    /** When the other invocation's lease expires, or null if unknown. */
    public Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }
}
