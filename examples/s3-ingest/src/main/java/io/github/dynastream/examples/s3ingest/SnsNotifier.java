package io.github.dynastream.examples.s3ingest;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes each notification to an SNS topic, with the row's file and line as message attributes
 * (so subscriptions can filter on them). Thread-safe.
 *
 * <pre>{@code
 * Notifier notifier = new SnsNotifier(SnsClient.create(), "arn:aws:sns:eu-west-1:123456789012:new-rows");
 * }</pre>
 */
public final class SnsNotifier implements Notifier {
    private final SnsClient sns;
    private final String topicArn;

    /**
     * @param sns the client
     * @param topicArn the topic
     */
    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public void send(Notification notification) {
        sns.publish(r -> r.topicArn(topicArn)
                .message(notification.message())
                .messageAttributes(Map.of(
                        "file", string(notification.file()),
                        "line",
                                MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue(Long.toString(notification.line()))
                                        .build())));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
