package io.github.dynastream.examples.s3ingest;

import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.IdempotencyStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The notification function's entry point, on the table's stream: a {@link DynamoDbStreamHandler}
 * (the raw event JSON, the fastest path) running {@link RowNotifications}. The no-argument
 * constructor is Lambda's: it publishes to the topic named by {@code TOPIC_ARN}.
 *
 * <pre>{@code
 * RowNotificationHandler handler = new RowNotificationHandler(new InMemoryNotifier());
 * }</pre>
 */
public class RowNotificationHandler extends DynamoDbStreamHandler {
    /** Lambda's constructor: SNS, the topic from {@code TOPIC_ARN}. */
    public RowNotificationHandler() {
        this(new SnsNotifier(
                SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), topicArn()));
    }

    /** With another notifier, and an in-memory idempotency store. */
    public RowNotificationHandler(Notifier notifier) {
        super(RowNotifications.processor(notifier, IdempotencyStore.inMemory()));
    }

    private static String topicArn() {
        String arn = System.getenv("TOPIC_ARN");
        if (arn == null || arn.isBlank()) {
            throw new IllegalStateException("the environment variable TOPIC_ARN is not set");
        }
        return arn;
    }
}
