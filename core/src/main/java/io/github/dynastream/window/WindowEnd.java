package io.github.dynastream.window;

/**
 * Acts on a window's final state, on its last invocation ({@code isFinalInvokeForWindow}). Throwing
 * fails the invocation: "If the invocation fails, your Lambda function suspends further processing
 * until a successful invocation" (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html),
 * so make it safe to run again (an idempotent write keyed by the window).
 *
 * <pre>{@code
 * WindowEnd<Totals> publish = (totals, window) -> metrics.put(window.start(), totals);
 * }</pre>
 *
 * @param <S> the state type
 */
@FunctionalInterface
public interface WindowEnd<S> {
    void accept(S state, Window window) throws Exception;
}
