package io.github.dynastream.examples.readmodel;

import io.github.dynastream.ProcessingListener;
import io.github.dynastream.StreamProcessor;

/**
 * How the read-model function is wired: the entry point for tests, the demo and {@link
 * CustomerOrdersHandler}.
 *
 * <pre>{@code
 * InMemoryCustomerOrdersStore store = new InMemoryCustomerOrdersStore();
 * StreamsEventResponse response = ReadModel.processor(store).process(event);
 * store.get("alice").openOrders();
 * }</pre>
 */
public final class ReadModel {
    private ReadModel() {}

    /**
     * The processor: records in stream order, stopping at the first record whose projection update
     * fails, so that Lambda retries from exactly that record and no order's changes overtake each
     * other. It has no idempotency store: every update is idempotent ({@link CustomerOrders}).
     *
     * @param store where the projections live
     */
    public static StreamProcessor processor(CustomerOrdersStore store) {
        return StreamProcessor.builder()
                .handler(new CustomerOrdersEvents(store))
                .build();
    }

    /**
     * The same processor, reporting each record's outcome to the listener (metrics, tests).
     *
     * @param store where the projections live
     * @param listener receives every record outcome and batch summary
     */
    public static StreamProcessor processor(CustomerOrdersStore store, ProcessingListener listener) {
        return StreamProcessor.builder()
                .handler(new CustomerOrdersEvents(store))
                .listener(listener)
                .build();
    }
}
