package io.github.dynastream.examples.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.StreamProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda entry point when the runtime deserializes the event ({@code RequestHandler}). Configure
 * the event source mapping with {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 */
public class OrderHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderHandler.class);
    private static final StreamProcessor PROCESSOR = StreamProcessor.builder()
            .handler(new OrderEvents((to, message) -> LOG.info("to {}: {}", to, message)))
            .build();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PROCESSOR.process(event, context);
    }
}
