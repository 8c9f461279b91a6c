package io.github.dynastream.readme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.LastAppliedStore;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.StreamProcessor;
import java.util.function.Consumer;

/** Kinesis Data Streams for DynamoDB: the same handler methods, Kinesis sequence numbers in the response. */
public class KinesisOrderHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    public record Order(String id, String status) {}

    public static class OrderEvents {
        private final Consumer<String> out;

        public OrderEvents(Consumer<String> out) {
            this.out = out;
        }

        @OnInsert
        @OnModify
        void changed(Order order) {
            out.accept(order.id() + " is " + order.status());
        }
    }

    private final StreamProcessor processor;

    public KinesisOrderHandler(Consumer<String> out) {
        processor = StreamProcessor.builder()
                .handler(new OrderEvents(out))
                .idempotency(IdempotencyStore.inMemory()) // Kinesis may deliver a change twice
                .skipOlderChanges(LastAppliedStore.inMemory()) // ... and an item's changes out of order
                .build();
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return processor.process(event, context);
    }
}
