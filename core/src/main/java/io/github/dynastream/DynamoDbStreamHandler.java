package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A Lambda handler on the fast path: it hands the raw event bytes to a {@link StreamProcessor} and
 * writes the partial batch response itself, so the managed runtime's own deserializer (which costs
 * more than dynastream's whole parse) never runs. Extend it with the processor your function uses:
 *
 * <pre>{@code
 * public class Handler extends DynamoDbStreamHandler {
 *     public Handler() {
 *         super(StreamProcessor.builder().handler(new OrderEvents()).build());
 *     }
 * }
 * }</pre>
 *
 * <p>Lambda creates one instance per execution environment and calls it for every invocation, so the
 * processor is built once. Point the function's handler setting at your class (for example {@code
 * com.example.Handler::handleRequest}) and enable {@code ReportBatchItemFailures} on the event
 * source mapping. Needs {@code com.amazonaws:aws-lambda-java-core} (every Java function has it).
 * Thread-safe.
 *
 * <p>To take the first batch's class loading out of the first invocation, prime the processor as it
 * is built: {@link StreamProcessor.Builder#primeOnBuild()} primes in the constructor (the init
 * phase), {@link StreamProcessor.Builder#primeBeforeCheckpoint()} just before a SnapStart snapshot:
 *
 * <pre>{@code
 * public Handler() {
 *     super(StreamProcessor.builder().handler(new OrderEvents()).primeBeforeCheckpoint().build());
 * }
 * }</pre>
 */
// Context (aws-lambda-java-core) is an optional dependency, required static: see module-info.java.
@SuppressWarnings("exports")
public abstract class DynamoDbStreamHandler implements RequestStreamHandler {
    private final StreamProcessor processor;

    /** @param processor processes every invocation's event */
    protected DynamoDbStreamHandler(StreamProcessor processor) {
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    /**
     * Processes the event and writes {@code {"batchItemFailures":[...]}}, as {@link
     * StreamProcessor#process(InputStream, OutputStream, Context)} does.
     *
     * @throws MalformedEventException if the input is not a DynamoDB stream event, so Lambda retries
     *     the batch and the problem is visible
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        processor.process(input, output, context);
    }

    /** The processor this handler runs. */
    protected final StreamProcessor processor() {
        return processor;
    }
}
