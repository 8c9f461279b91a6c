package io.github.dynastream.examples.orderaudit;

import io.github.dynastream.EventName;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an order's audit trail: what one stream record says happened to the order.
 *
 * <p>An entry is identified by the stream record it comes from: the order's id and the record's
 * sequence number make its key, and the record's eventID is kept with it. Lambda delivers the same
 * record again with the same eventID and sequence number, so a redelivery maps to the same key and
 * {@link AuditLog#append} can refuse a second entry.
 *
 * <pre>{@code
 * AuditEntry entry = log.history("o-1").get(0);
 * entry.eventName();          // INSERT
 * entry.newStatus();          // "PLACED"
 * entry.changedAttributes();  // for a MODIFY: ["status", "total"]
 * }</pre>
 *
 * @param orderId the order's partition key ({@code id})
 * @param sequenceNumber the stream record's sequence number, as the stream wrote it
 * @param eventId the stream record's eventID
 * @param eventName INSERT, MODIFY or REMOVE
 * @param changedAttributes for a MODIFY, the top-level attributes that were added, removed or given
 *     another value, sorted; empty for INSERT and REMOVE
 * @param oldStatus the order's {@code status} before the change; null for an INSERT, or if it had none
 * @param newStatus the order's {@code status} after the change; null for a REMOVE, or if it has none
 * @param changedAt when DynamoDB wrote the change (the record's approximate creation time); null if
 *     the record has none
 * @param changedBy who made the change: {@link #TIME_TO_LIVE_PRINCIPAL} for a Time to Live delete,
 *     otherwise the order's {@code updatedBy} attribute if the writer sets one, else null (a stream
 *     record does not say who wrote it)
 * @param timeToLive whether the change is a Time to Live delete
 */
public record AuditEntry(
        String orderId,
        String sequenceNumber,
        String eventId,
        EventName eventName,
        List<String> changedAttributes,
        String oldStatus,
        String newStatus,
        Instant changedAt,
        String changedBy,
        boolean timeToLive) {

    /** Who DynamoDB says deleted an item whose Time to Live passed. */
    public static final String TIME_TO_LIVE_PRINCIPAL = "dynamodb.amazonaws.com";

    /** Stream sequence numbers have up to 40 digits. */
    private static final int SEQUENCE_DIGITS = 40;

    public AuditEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventName, "eventName");
        changedAttributes = List.copyOf(Objects.requireNonNull(changedAttributes, "changedAttributes"));
    }

    /**
     * The entry's sort key: the sequence number left-padded with zeros to 40 digits, so that the
     * audit table's string order is the stream's numeric order (sequence numbers differ in length, and
     * a DynamoDB number holds only 38 digits).
     *
     * @throws IllegalArgumentException if the sequence number is not a number of at most 40 digits
     */
    public String sortKey() {
        return sortKey(sequenceNumber);
    }

    /** The sort key of a sequence number; see {@link #sortKey()}. */
    static String sortKey(String sequenceNumber) {
        BigInteger number;
        try {
            number = new BigInteger(sequenceNumber);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sequence number [" + sequenceNumber + "] is not a number", e);
        }
        String digits = number.toString();
        if (number.signum() < 0 || digits.length() > SEQUENCE_DIGITS) {
            throw new IllegalArgumentException(
                    "sequence number [" + sequenceNumber + "] is not a positive number of at most 40 digits");
        }
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }
}
