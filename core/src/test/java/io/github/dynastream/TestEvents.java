package io.github.dynastream;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds small Lambda DynamoDB stream events as JSON for the core's own tests. Items are keyed by
 * {@code id} (S); images are DynamoDB JSON written inline.
 */
final class TestEvents {
    static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-01-01T00:00:00.000";

    private TestEvents() {}

    static InputStream event(String... records) {
        return new ByteArrayInputStream(json(records).getBytes(StandardCharsets.UTF_8));
    }

    static String json(String... records) {
        return Arrays.stream(records).collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    static String insert(String id, long sequence, String newImage) {
        return record(id, "INSERT", sequence, "NEW_AND_OLD_IMAGES", null, newImage, null);
    }

    static String modify(String id, long sequence, String oldImage, String newImage) {
        return record(id, "MODIFY", sequence, "NEW_AND_OLD_IMAGES", oldImage, newImage, null);
    }

    static String remove(String id, long sequence, String oldImage) {
        return record(id, "REMOVE", sequence, "NEW_AND_OLD_IMAGES", oldImage, null, null);
    }

    static String ttlRemove(String id, long sequence, String oldImage) {
        return record(
                id,
                "REMOVE",
                sequence,
                "NEW_AND_OLD_IMAGES",
                oldImage,
                null,
                "{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}");
    }

    /** A record; null images are left out, as a stream of that view type leaves them out. */
    static String record(
            String id,
            String eventName,
            long sequence,
            String viewType,
            String oldImage,
            String newImage,
            String userIdentity) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"eventID\":\"e-")
                .append(sequence)
                .append("\",\"eventName\":\"")
                .append(eventName)
                .append("\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",");
        if (userIdentity != null) {
            sb.append("\"userIdentity\":").append(userIdentity).append(',');
        }
        sb.append("\"dynamodb\":{\"ApproximateCreationDateTime\":1767225600,\"Keys\":{\"id\":{\"S\":\"")
                .append(id)
                .append("\"}},");
        if (oldImage != null) {
            sb.append("\"OldImage\":").append(oldImage).append(',');
        }
        if (newImage != null) {
            sb.append("\"NewImage\":").append(newImage).append(',');
        }
        sb.append("\"SequenceNumber\":\"")
                .append(sequenceNumber(sequence))
                .append("\",\"SizeBytes\":100,")
                .append("\"StreamViewType\":\"")
                .append(viewType)
                .append("\"},")
                .append("\"eventSourceARN\":\"")
                .append(ARN)
                .append("\"}");
        return sb.toString();
    }

    /** A realistic 21-digit sequence number. */
    static String sequenceNumber(long sequence) {
        return String.format("%021d", 100_000_000_000_000_000L + sequence);
    }

    /** A simple order image: {@code {"id":{"S":id},"status":{"S":status},"total":{"N":total}}}. */
    static String order(String id, String status, String total) {
        return "{\"id\":{\"S\":\"" + id + "\"},\"status\":{\"S\":\"" + status + "\"},\"total\":{\"N\":\"" + total
                + "\"}}";
    }
}
