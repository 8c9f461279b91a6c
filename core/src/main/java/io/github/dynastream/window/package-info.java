/**
 * Aggregation over Lambda's tumbling windows: {@link io.github.dynastream.window.TumblingWindow#builder(Class)}
 * folds each change of a window into a state of your own type, carries the state between
 * invocations in the {@code TimeWindowEventResponse}, and hands the complete state to your code on
 * the window's final invocation.
 */
package io.github.dynastream.window;
