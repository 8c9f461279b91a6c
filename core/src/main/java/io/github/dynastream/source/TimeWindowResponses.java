package io.github.dynastream.source;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The response adapter for Lambda's tumbling windows: the window's state, and the first record that
 * did not complete, as {@link StreamsEventResponses} names it
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html: "the Lambda function
 * response must contain a state property").
 *
 * <pre>{@code
 * TimeWindowEventResponse response = processor.process(event, context, TimeWindowResponses.withState(() -> state));
 * }</pre>
 *
 * <p>Stateless and thread-safe; the state supplier is asked once per response, after the records were
 * processed.
 */
public final class TimeWindowResponses {
    private TimeWindowResponses() {}

    /** An adapter whose responses carry the state the supplier gives when the batch is done. */
    public static ResponseAdapter<TimeWindowEventResponse> withState(Supplier<Map<String, String>> state) {
        Objects.requireNonNull(state, "state");
        return (batch, result) -> of(StreamsEventResponses.INSTANCE.toResponse(batch, result), state.get());
    }

    /** The tumbling-window response for a batch's partial batch response and the window's state. */
    public static TimeWindowEventResponse of(StreamsEventResponse failures, Map<String, String> state) {
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(state, "state");
        List<TimeWindowEventResponse.BatchItemFailure> out = new ArrayList<>();
        for (StreamsEventResponse.BatchItemFailure failure : failures.getBatchItemFailures()) {
            out.add(new TimeWindowEventResponse.BatchItemFailure(failure.getItemIdentifier()));
        }
        return TimeWindowEventResponse.builder()
                .withState(Map.copyOf(state))
                .withBatchItemFailures(out)
                .build();
    }
}
