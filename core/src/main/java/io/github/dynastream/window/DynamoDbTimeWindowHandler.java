package io.github.dynastream.window;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A Lambda handler for tumbling windows on the fast path: it hands the raw event bytes to a {@link
 * TumblingWindow} and writes the {@code TimeWindowEventResponse} itself. Extend it with the
 * aggregation your function runs:
 *
 * <pre>{@code
 * public class Handler extends DynamoDbTimeWindowHandler {
 *     public Handler() {
 *         super(TumblingWindow.builder(Totals.class)
 *                 .initialState(Totals::empty)
 *                 .onInsert(Order.class, Totals::plus)
 *                 .onWindowEnd((totals, window) -> publish(totals))
 *                 .build());
 *     }
 * }
 * }</pre>
 *
 * <p>Set {@code TumblingWindowInSeconds} on the event source mapping. Thread-safe.
 */
// Context (aws-lambda-java-core) is an optional dependency, required static: see module-info.java.
@SuppressWarnings("exports")
public abstract class DynamoDbTimeWindowHandler implements RequestStreamHandler {
    private final TumblingWindow<?> window;

    /** @param window aggregates every invocation's records */
    protected DynamoDbTimeWindowHandler(TumblingWindow<?> window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /** Processes the event and writes {@code {"state":{...},"batchItemFailures":[...]}}. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        window.process(input, output, context);
    }
}
