package io.github.dynastream.examples.payments;

/** The downstream service that moves money. */
@FunctionalInterface
public interface PaymentGateway {
    /**
     * Charges a payment.
     *
     * @throws GatewayBusyException when the gateway throttles: worth retrying
     */
    void charge(Payment payment);

    /** The gateway asks callers to slow down. */
    final class GatewayBusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what the gateway said */
        public GatewayBusyException(String message) {
            super(message);
        }
    }
}
