package io.github.dynastream.examples.readmodel;

import java.util.function.UnaryOperator;

/**
 * Where the projections live: {@link DynamoDbCustomerOrdersStore} in the function, {@link
 * InMemoryCustomerOrdersStore} in tests and the demo.
 *
 * <pre>{@code
 * store.update("alice", projection -> projection.with("o-1", state));
 * }</pre>
 *
 * <p>Implementations must be thread-safe, and an update atomic per customer: Lambda keeps each
 * order's changes in order, but with a {@code ParallelizationFactor} above 1 two orders of the same
 * customer may be processed at the same time.
 */
public interface CustomerOrdersStore {
    /** The customer's projection; {@link CustomerOrders#empty} if there is none. */
    CustomerOrders get(String customerId);

    /**
     * Applies the change to the customer's projection atomically: no concurrent update is lost.
     *
     * @param customerId the customer
     * @param change from the current projection to the new one; may be called more than once (keep it free
     *     of side effects)
     * @return the projection after the change
     * @throws RuntimeException if the projection could not be written; the record then fails and Lambda
     *     delivers it again
     */
    CustomerOrders update(String customerId, UnaryOperator<CustomerOrders> change);
}
