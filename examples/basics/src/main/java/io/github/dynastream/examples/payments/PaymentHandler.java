package io.github.dynastream.examples.payments;

import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point. Tables come from the environment; in production give the client an
 * explicit region ({@code AWS_REGION} is set in Lambda) and HTTP client.
 */
public class PaymentHandler extends DynamoDbStreamHandler {
    public PaymentHandler() {
        this(DynamoDbClient.create());
    }

    private PaymentHandler(DynamoDbClient dynamoDb) {
        super(PaymentProcessing.processor(
                DynamoDbIdempotencyStore.builder()
                        .client(dynamoDb)
                        .tableName(System.getenv("IDEMPOTENCY_TABLE"))
                        .keyPrefix("payments#")
                        .build(),
                new DeadLetterTable(dynamoDb, System.getenv("DEAD_LETTER_TABLE")),
                payment -> {
                    throw new UnsupportedOperationException("connect your payment gateway here");
                }));
    }
}
