package io.github.dynastream.testkit;

/**
 * The kind of resource an event source mapping's on-failure destination is, which decides what it
 * receives: "Each record sent to the destination is a JSON document containing metadata about the
 * failed invocation. For Amazon S3 destinations, Lambda also sends the entire invocation record
 * along with the metadata" (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 *
 * <pre>{@code
 * Simulation simulation = EventSourceMappingSimulator.builder()
 *         .maximumRetryAttempts(2)
 *         .destinationType(DestinationType.S3)
 *         .build()
 *         .run(stream, processor::process);
 * List<ChangeRecord> kept = simulation.failureDestination().get(0).payload();
 * }</pre>
 *
 * <p>Immutable, like every enum.
 */
public enum DestinationType {
    /** A standard SQS queue: the metadata only. */
    SQS,
    /** A standard SNS topic: the metadata only. */
    SNS,
    /** An S3 bucket: the metadata and the discarded batch itself. */
    S3
}
