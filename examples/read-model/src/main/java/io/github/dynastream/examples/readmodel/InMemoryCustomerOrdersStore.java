package io.github.dynastream.examples.readmodel;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link CustomerOrdersStore} in memory, for tests and the demo.
 *
 * <pre>{@code
 * InMemoryCustomerOrdersStore store = new InMemoryCustomerOrdersStore();
 * ReadModel.processor(store).process(event);
 * store.all();        // customer id to projection
 * store.updates();    // how often the handler asked for an update
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryCustomerOrdersStore implements CustomerOrdersStore {
    private final Map<String, CustomerOrders> projections = new ConcurrentHashMap<>();
    private final AtomicInteger updates = new AtomicInteger();

    @Override
    public CustomerOrders get(String customerId) {
        return projections.getOrDefault(customerId, CustomerOrders.empty(customerId));
    }

    @Override
    public CustomerOrders update(String customerId, UnaryOperator<CustomerOrders> change) {
        updates.incrementAndGet();
        CustomerOrders result = projections.compute(customerId, (id, current) -> {
            CustomerOrders before = current != null ? current : CustomerOrders.empty(id);
            CustomerOrders after = change.apply(before);
            return after.orders().equals(before.orders()) ? current : after.withVersion(before.version() + 1);
        });
        return result != null ? result : CustomerOrders.empty(customerId);
    }

    /** Every projection, by customer id. */
    public Map<String, CustomerOrders> all() {
        return new TreeMap<>(projections);
    }

    /** How often {@link #update} was called. */
    public int updates() {
        return updates.get();
    }
}
