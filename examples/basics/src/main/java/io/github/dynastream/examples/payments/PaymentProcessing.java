package io.github.dynastream.examples.payments;

import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RetryPolicy;
import io.github.dynastream.StreamProcessor;
import java.time.Duration;

/** How the payments function is wired: every reliability feature on. */
public final class PaymentProcessing {
    private PaymentProcessing() {}

    /**
     * The processor: each payment charged once (idempotency), throttling retried in process,
     * accounts processed in parallel (each account's payments in order), and a payment that failed
     * five deliveries set aside so the shard moves on.
     */
    public static StreamProcessor processor(
            IdempotencyStore store, DeadLetterSink deadLetters, PaymentGateway gateway) {
        return processor(store, deadLetters, gateway, new ProcessingListener() {});
    }

    /**
     * The same processor, reporting each record's outcome to the listener (metrics, tests, the demo).
     */
    public static StreamProcessor processor(
            IdempotencyStore store, DeadLetterSink deadLetters, PaymentGateway gateway, ProcessingListener listener) {
        return StreamProcessor.builder()
                .handler(new PaymentEvents(gateway))
                .idempotency(store)
                .retry(RetryPolicy.builder()
                        .retryOn(PaymentGateway.GatewayBusyException.class)
                        .maxAttempts(4)
                        .backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(2))
                        .build())
                .parallelism(8)
                .partitionKey("accountId")
                .deadLetter(5, deadLetters)
                .listener(listener)
                .build();
    }
}
