package io.github.dynastream.examples.readmodel;

import java.math.BigDecimal;

/**
 * An order item of the Orders table (partition key {@code id}), as its writer stores it. The table
 * holds other item types too ({@code type} tells them apart); the projection reads only orders.
 *
 * <pre>{@code
 * new Order("o-1", "ORDER", "alice", Order.Status.PLACED, new BigDecimal("59.90"), "leave at the door")
 * }</pre>
 *
 * @param id the order id
 * @param type the item type; {@link #TYPE} for orders
 * @param customerId who placed it
 * @param status where it is
 * @param total what it costs
 * @param note a remark the projection does not read
 */
public record Order(String id, String type, String customerId, Status status, BigDecimal total, String note) {
    /** The {@code type} of order items. */
    public static final String TYPE = "ORDER";

    /** Whether this item is an order. */
    public boolean isOrder() {
        return TYPE.equals(type);
    }

    /** An order's life cycle. */
    public enum Status {
        PLACED(true),
        PAID(true),
        SHIPPED(true),
        DELIVERED(false),
        CANCELLED(false);

        private final boolean open;

        Status(boolean open) {
            this.open = open;
        }

        /** Whether an order in this status still counts as open. */
        public boolean isOpen() {
            return open;
        }
    }
}
