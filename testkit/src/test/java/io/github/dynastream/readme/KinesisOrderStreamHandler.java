package io.github.dynastream.readme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.LastAppliedStore;
import io.github.dynastream.StreamProcessor;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** The raw Kinesis event JSON: process(InputStream) knows it by its records' "kinesis" objects. */
public class KinesisOrderStreamHandler implements RequestStreamHandler {
    private final StreamProcessor processor;

    public KinesisOrderStreamHandler(Consumer<String> out) {
        processor = StreamProcessor.builder()
                .handler(new KinesisOrderHandler.OrderEvents(out))
                .idempotency(IdempotencyStore.inMemory())
                .skipOlderChanges(LastAppliedStore.inMemory())
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        processor.process(input, output, context); // writes {"batchItemFailures":[...]}
    }
}
