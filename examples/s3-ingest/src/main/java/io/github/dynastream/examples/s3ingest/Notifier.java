package io.github.dynastream.examples.s3ingest;

/**
 * Sends notifications: {@link SnsNotifier} in production, {@link InMemoryNotifier} in tests and the
 * demo. A notifier that throws fails the stream record, and Lambda delivers it again.
 *
 * <pre>{@code
 * Notifier notifier = new SnsNotifier(SnsClient.create(), System.getenv("TOPIC_ARN"));
 * }</pre>
 */
@FunctionalInterface
public interface Notifier {
    /** Sends one notification. */
    void send(Notification notification);
}
