package io.github.dynastream.examples.quickstart;

import java.math.BigDecimal;

/** An item of the Orders table, as its writer stores it. */
public record Order(String id, String customer, String status, BigDecimal total) {}
