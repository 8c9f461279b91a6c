/**
 * dynastream: typed processing of DynamoDB stream events in AWS Lambda. The entry point is {@link
 * io.github.dynastream.StreamProcessor#builder()}; handler methods are marked with {@link
 * io.github.dynastream.OnInsert}, {@link io.github.dynastream.OnModify} and {@link
 * io.github.dynastream.OnRemove}.
 *
 * <p>One batch flows one way through these steps; each names where it lives:
 *
 * <ol>
 *   <li><b>source</b>: one adapter per input shape, {@link io.github.dynastream.source};
 *   <li><b>record</b>: the neutral {@link io.github.dynastream.ChangeRecord};
 *   <li><b>idempotency gate</b>: {@link io.github.dynastream.IdempotencyStore} (skip what completed,
 *       lease what runs);
 *   <li><b>dispatch</b>: the {@link io.github.dynastream.OnInsert}, {@link
 *       io.github.dynastream.OnModify} and {@link io.github.dynastream.OnRemove} methods, chosen once in
 *       {@code build()} ({@code internal.Dispatcher});
 *   <li><b>mapping</b>: images to item types, {@link io.github.dynastream.mapping};
 *   <li><b>retry</b>: {@link io.github.dynastream.RetryPolicy} around each method;
 *   <li><b>outcome</b>: {@link io.github.dynastream.RecordOutcome} per record, {@link
 *       io.github.dynastream.BatchResult} per batch;
 *   <li><b>response</b>: what the source is told to deliver again, {@link
 *       io.github.dynastream.source.ResponseAdapter}.
 * </ol>
 */
package io.github.dynastream;
