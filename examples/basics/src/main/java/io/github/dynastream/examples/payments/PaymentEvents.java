package io.github.dynastream.examples.payments;

import io.github.dynastream.OnInsert;
import java.util.Objects;

/** Charges each new payment exactly once. */
public class PaymentEvents {
    private final PaymentGateway gateway;

    /** @param gateway where payments are charged */
    public PaymentEvents(PaymentGateway gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @OnInsert
    void charge(Payment payment) {
        gateway.charge(payment);
    }
}
