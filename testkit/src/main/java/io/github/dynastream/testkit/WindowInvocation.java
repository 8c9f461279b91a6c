package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.github.dynastream.ChangeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the function by the {@link TumblingWindowSimulator}: the window, the records and state
 * it was given, and what came back.
 *
 * @param number 1 for the first invocation of the run, then counting up
 * @param windowStart the window's start
 * @param windowEnd the window's end
 * @param batch the records, in stream order; none on a final invocation
 * @param stateIn the state the invocation was given
 * @param finalInvoke whether it was the window's final invocation ({@code isFinalInvokeForWindow})
 * @param outcome how Lambda judged the result
 * @param response what the function returned, if it returned
 * @param error what the function threw, if it threw
 */
public record WindowInvocation(
        int number,
        Instant windowStart,
        Instant windowEnd,
        List<ChangeRecord> batch,
        Map<String, String> stateIn,
        boolean finalInvoke,
        Outcome outcome,
        TimeWindowEventResponse response,
        Throwable error) {

    public WindowInvocation {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        batch = List.copyOf(batch);
        stateIn = Map.copyOf(stateIn);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How Lambda judged an invocation's result. */
    public enum Outcome {
        /** It returned a state and no item failures. */
        SUCCEEDED,
        /** It returned a state and item failures: Lambda retries from the lowest. */
        PARTIAL_FAILURE,
        /** It threw, or returned no state: Lambda retries it as it was. */
        FAILED
    }

    /** The state the invocation returned, if it returned one. */
    public Optional<Map<String, String>> stateOut() {
        return response == null ? Optional.empty() : Optional.ofNullable(response.getState());
    }

    @Override
    public String toString() {
        return "WindowInvocation[#" + number + " " + windowStart + ".." + windowEnd + ", " + batch.size()
                + " record(s)" + (finalInvoke ? ", final" : "") + ", " + outcome
                + (error == null ? "" : ", threw " + error.getClass().getName()) + "]";
    }
}
