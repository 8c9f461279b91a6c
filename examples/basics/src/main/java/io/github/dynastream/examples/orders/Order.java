package io.github.dynastream.examples.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An order as the writer stores it in the {@code Orders} table (partition key {@code id}).
 *
 * @param id the order id
 * @param customer who placed it
 * @param status PLACED, PAID, SHIPPED, ...
 * @param total the amount, exact
 * @param lines what was ordered
 * @param tags free-form labels (a DynamoDB string set)
 * @param placedAt when it was placed (ISO-8601 string in the table)
 */
public record Order(
        String id,
        String customer,
        Status status,
        BigDecimal total,
        List<Line> lines,
        Set<String> tags,
        Instant placedAt) {

    /** The order's life cycle. */
    public enum Status {
        PLACED,
        PAID,
        SHIPPED,
        CANCELLED
    }

    /**
     * One ordered product.
     *
     * @param sku the product
     * @param quantity how many
     */
    public record Line(String sku, int quantity) {}
}
