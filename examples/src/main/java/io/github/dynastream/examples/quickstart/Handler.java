package io.github.dynastream.examples.quickstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.StreamProcessor;

/** The README's quick start Lambda entry class. */
public class Handler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final StreamProcessor PROCESSOR =
            StreamProcessor.builder().handler(new OrderEvents()).build();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PROCESSOR.process(event, context);
    }
}
