package io.github.dynastream;

/**
 * Receives records the processor gives up on, when a dead-letter policy is configured ({@link
 * StreamProcessor.Builder#deadLetter(int, DeadLetterSink)}): for example an SQS queue or an S3 bucket
 * of your own. If {@link #accept} throws, the record fails as usual and nothing is lost. Must be
 * thread-safe in parallel mode.
 *
 * <pre>{@code
 * DeadLetterSink sink = letter -> sqs.sendMessage(r -> r.queueUrl(queue)
 *         .messageBody(letter.record().eventId() + " failed: " + letter.cause()));
 * }</pre>
 */
@FunctionalInterface
public interface DeadLetterSink {
    /**
     * Stores the dead letter durably before returning.
     *
     * @throws RuntimeException if it could not; the record is then reported as failed
     */
    void accept(DeadLetter letter);
}
