package io.github.dynastream.examples.payments;

import java.math.BigDecimal;

/**
 * A payment request in the {@code Payments} table (partition key {@code accountId}, sort key {@code
 * paymentId}).
 *
 * @param accountId the paying account
 * @param paymentId the payment
 * @param amount how much
 * @param currency ISO code
 */
public record Payment(String accountId, String paymentId, BigDecimal amount, String currency) {}
