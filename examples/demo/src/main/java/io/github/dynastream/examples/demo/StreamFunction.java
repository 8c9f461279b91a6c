package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonFactory;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.source.StreamsEventResponses;
import io.github.dynastream.testkit.StreamHandlerFunction;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * One stream function as the demo runs it: the processor a {@link DynamoDbStreamHandler} builds,
 * called the way that handler's {@code handleRequest} calls it (the event's raw JSON in, the partial
 * batch response written as JSON), behind the testkit's {@link StreamHandlerFunction}, so what the
 * account shows as the answer is the JSON Lambda would read. On the way it hands each record's
 * outcome to the account, which is how the account can name each failure's cause: a deployed
 * function only logs it, and its handler class takes no listener.
 */
final class StreamFunction implements RequestStreamHandler {
    private static final JsonFactory JSON = new JsonFactory();

    private final StreamProcessor processor;
    private final Account account;

    private StreamFunction(StreamProcessor processor, Account account) {
        this.processor = processor;
        this.account = account;
    }

    /** A handler's processor, as Lambda would call the handler. */
    static Function<DynamodbEvent, StreamsEventResponse> of(StreamProcessor processor, Account account) {
        return StreamHandlerFunction.of(new StreamFunction(processor, account));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        StreamsEventResponse response = processor.process(input, context, (batch, result) -> {
            result.outcomes().forEach(account::remember);
            return StreamsEventResponses.INSTANCE.toResponse(batch, result);
        });
        StreamsEventResponses.writeJson(response, output, JSON);
    }
}
