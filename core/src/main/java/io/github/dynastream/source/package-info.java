/**
 * Step 1 and step 8 of the flow: where batches come from and how they are answered. Each input
 * shape has exactly one {@link io.github.dynastream.source.ChangeSource} adapter that turns it into
 * {@link io.github.dynastream.ChangeRecord}s, and a {@link io.github.dynastream.source.ResponseAdapter}
 * that tells the source what to deliver again; nothing between them knows the shape.
 *
 * <pre>
 * source -&gt; record -&gt; idempotency gate -&gt; dispatch -&gt; mapping -&gt; retry -&gt; outcome -&gt; response
 * ^^^^^^                                                                            ^^^^^^^^
 * </pre>
 *
 * <table>
 *   <caption>Sources and their response adapters</caption>
 *   <tr><th>input shape</th><th>source adapter</th><th>response adapter</th></tr>
 *   <tr><td>raw Lambda event JSON (DynamoDB Streams, EventBridge Pipes arrays)</td>
 *       <td>{@link io.github.dynastream.source.EventJsonSource}</td>
 *       <td>{@link io.github.dynastream.source.StreamsEventResponses}</td></tr>
 *   <tr><td>raw Lambda Kinesis event JSON (Kinesis Data Streams for DynamoDB)</td>
 *       <td>{@link io.github.dynastream.source.EventJsonSource} (by the records' {@code kinesis} object)</td>
 *       <td>{@link io.github.dynastream.source.StreamsEventResponses} (Kinesis sequence numbers)</td></tr>
 *   <tr><td>aws-lambda-java-events' {@code KinesisEvent}</td>
 *       <td>{@link io.github.dynastream.source.KinesisEventSource}</td>
 *       <td>{@link io.github.dynastream.source.StreamsEventResponses} (Kinesis sequence numbers)</td></tr>
 *   <tr><td>aws-lambda-java-events' {@code DynamodbEvent}</td>
 *       <td>{@link io.github.dynastream.source.DynamodbEventSource}</td>
 *       <td>{@link io.github.dynastream.source.StreamsEventResponses}</td></tr>
 *   <tr><td>SDK v2 Streams API {@code Record}s</td>
 *       <td>{@code io.github.dynastream.enhanced.StreamsApiRecords} (dynastream-enhanced-mapping)</td>
 *       <td>its {@code Checkpoint}</td></tr>
 * </table>
 *
 * <p>What an adapter of a new shape needs, and nothing else: {@link
 * io.github.dynastream.source.RecordChecks} (the one implementation of the record checks, so every
 * source rejects the same things in the same words), {@link io.github.dynastream.ChangeRecord.Builder}
 * with its lazy and raw image setters, {@link io.github.dynastream.source.RawImage} for images still
 * in the event's bytes, and {@link io.github.dynastream.source.InPlaceReaders} to map an image while
 * its bytes are parsed. {@link io.github.dynastream.StreamProcessor} wires the Lambda adapters; a
 * runner of its own (a Kinesis Client Library worker, a test) calls {@link
 * io.github.dynastream.StreamProcessor#processRecords(java.util.List)} with what its adapter read.
 */
package io.github.dynastream.source;
