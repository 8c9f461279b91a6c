package io.github.dynastream.examples.orderaudit;

import java.util.List;

/**
 * Where audit entries go: {@link DynamoDbAuditLog} in the function, {@link InMemoryAuditLog} in
 * tests and the demo.
 *
 * <pre>{@code
 * AuditLog log = new DynamoDbAuditLog(dynamoDb, "OrderAudit");
 * StreamProcessor processor = OrderAudit.processor(log);
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface AuditLog {
    /**
     * Writes the entry unless an entry with its key (order id and sequence number) exists already,
     * as one atomic step: a stream record delivered twice, or a write the SDK retried after it had
     * succeeded, leaves one entry.
     *
     * @return true if this call wrote the entry, false if the same stream record's entry was there
     * @throws IllegalStateException if an entry with the key exists for another eventID, which no
     *     stream writes: the entry is not overwritten
     * @throws RuntimeException if the entry could not be written; the record then fails and Lambda
     *     delivers it again
     */
    boolean append(AuditEntry entry);

    /** The order's entries, in stream order. */
    List<AuditEntry> history(String orderId);
}
