package io.github.dynastream.examples.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry point. Tables come from the environment; in production give the client an
 * explicit region ({@code AWS_REGION} is set in Lambda) and HTTP client.
 */
public class PaymentHandler implements RequestStreamHandler {
    private static final DynamoDbClient DYNAMODB = DynamoDbClient.create();
    private static final StreamProcessor PROCESSOR = PaymentProcessing.processor(
            DynamoDbIdempotencyStore.builder()
                    .client(DYNAMODB)
                    .tableName(System.getenv("IDEMPOTENCY_TABLE"))
                    .keyPrefix("payments#")
                    .build(),
            new DeadLetterTable(DYNAMODB, System.getenv("DEAD_LETTER_TABLE")),
            payment -> {
                throw new UnsupportedOperationException("connect your payment gateway here");
            });

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        PROCESSOR.process(input, output, context);
    }
}
