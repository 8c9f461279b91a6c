package io.github.dynastream.examples.readmodel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** A store whose first updates of some customers fail, as a throttled table does. */
final class FlakyStore implements CustomerOrdersStore {
    private final CustomerOrdersStore delegate;
    private final Map<String, Integer> failuresLeft;

    FlakyStore(CustomerOrdersStore delegate, Map<String, Integer> failures) {
        this.delegate = delegate;
        this.failuresLeft = new ConcurrentHashMap<>(failures);
    }

    @Override
    public CustomerOrders get(String customerId) {
        return delegate.get(customerId);
    }

    @Override
    public CustomerOrders update(String customerId, UnaryOperator<CustomerOrders> change) {
        Integer left = failuresLeft.computeIfPresent(customerId, (id, n) -> n - 1);
        if (left != null && left >= 0) {
            throw new IllegalStateException("throttled");
        }
        return delegate.update(customerId, change);
    }
}
