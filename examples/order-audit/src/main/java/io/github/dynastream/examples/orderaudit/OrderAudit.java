package io.github.dynastream.examples.orderaudit;

import io.github.dynastream.ProcessingListener;
import io.github.dynastream.StreamProcessor;

/**
 * How the order-audit function is wired: the entry point for tests, the demo and {@link
 * OrderAuditHandler}.
 *
 * <pre>{@code
 * InMemoryAuditLog log = new InMemoryAuditLog();
 * StreamsEventResponse response = OrderAudit.processor(log).process(event);
 * log.history("o-1");   // one entry per change of order o-1, in stream order
 * }</pre>
 */
public final class OrderAudit {
    private OrderAudit() {}

    /**
     * The processor: records in stream order, one audit entry each, stopping at the first record
     * whose entry cannot be written so that Lambda retries from exactly that record. It has no
     * idempotency store: {@link AuditLog#append} is itself idempotent, in the same write.
     *
     * @param log where the entries go
     */
    public static StreamProcessor processor(AuditLog log) {
        return StreamProcessor.builder().handler(new OrderAuditEvents(log)).build();
    }

    /**
     * The same processor, reporting each record's outcome to the listener (metrics, tests, the demo).
     *
     * @param log where the entries go
     * @param listener receives every record outcome and batch summary
     */
    public static StreamProcessor processor(AuditLog log, ProcessingListener listener) {
        return StreamProcessor.builder()
                .handler(new OrderAuditEvents(log))
                .listener(listener)
                .build();
    }
}
