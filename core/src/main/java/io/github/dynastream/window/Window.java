package io.github.dynastream.window;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tumbling window an invocation belongs to, as Lambda describes it in a {@code
 * DynamodbTimeWindowEvent}.
 *
 * <pre>{@code
 * .onWindowEnd((totals, window) -> publish(window.start(), window.end(), totals,
 *         window.terminatedEarly() ? "partial" : "complete"))
 * }</pre>
 *
 * @param start when the window opened
 * @param end when it closes
 * @param shardId the shard whose records it aggregates, if Lambda said
 * @param finalInvoke whether this is the window's last invocation ({@code isFinalInvokeForWindow}):
 *     the state is complete and Lambda deletes it afterwards
 * @param terminatedEarly whether Lambda ended the window before its time ({@code
 *     isWindowTerminatedEarly}), e.g. because the state passed 1 MB; the next invocation continues the
 *     same window with a fresh state
 */
public record Window(
        Instant start, Instant end, Optional<String> shardId, boolean finalInvoke, boolean terminatedEarly) {

    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(shardId, "shardId");
    }
}
