package io.github.dynastream;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds small Lambda DynamoDB stream events as raw JSON, for the core tests that are about the JSON
 * itself (the testkit's DSL writes everything else). Items are keyed by
 * {@code id} (S); images are DynamoDB JSON written inline.
 */
public final class TestEvents {
    public static final String ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-01-01T00:00:00.000";

    private TestEvents() {}

    public static InputStream event(String... records) {
        return new ByteArrayInputStream(json(records).getBytes(StandardCharsets.UTF_8));
    }

    public static String json(String... records) {
        return Arrays.stream(records).collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    public static String insert(String id, long sequence, String newImage) {
        return record(id, "INSERT", sequence, null, newImage);
    }

    public static String remove(String id, long sequence, String oldImage) {
        return record(id, "REMOVE", sequence, oldImage, null);
    }

    /** A NEW_AND_OLD_IMAGES record; null images are left out. */
    private static String record(String id, String eventName, long sequence, String oldImage, String newImage) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"eventID\":\"e-")
                .append(sequence)
                .append("\",\"eventName\":\"")
                .append(eventName)
                .append("\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",");
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
                .append("\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},")
                .append("\"eventSourceARN\":\"")
                .append(ARN)
                .append("\"}");
        return sb.toString();
    }

    /** A realistic 21-digit sequence number. */
    public static String sequenceNumber(long sequence) {
        return String.format("%021d", 100_000_000_000_000_000L + sequence);
    }

    /**
     * A DynamoDB JSON value whose innermost attribute, the string {@code leaf}, is at {@code levels}
     * when the value is a top-level attribute (level 1): maps ({@code {"M":{"a":...}}}) or lists
     * ({@code {"L":[...]}}) around it, {@code levels - 1} of them. Built without recursion, for any
     * depth.
     */
    public static String nested(int levels, boolean lists, String leaf) {
        String open = lists ? "{\"L\":[" : "{\"M\":{\"a\":";
        String close = lists ? "]}" : "}}";
        return open.repeat(levels - 1) + "{\"S\":\"" + leaf + "\"}" + close.repeat(levels - 1);
    }

    /** The path of the attribute at {@code level} inside {@link #nested} at top-level {@code name}. */
    public static String nestedPath(String image, String name, int level, boolean lists) {
        return image + "." + name + (lists ? "[0]" : ".a").repeat(level - 1);
    }

    /** A simple order image: {@code {"id":{"S":id},"status":{"S":status},"total":{"N":total}}}. */
    public static String order(String id, String status, String total) {
        return "{\"id\":{\"S\":\"" + id + "\"},\"status\":{\"S\":\"" + status + "\"},\"total\":{\"N\":\"" + total
                + "\"}}";
    }
}
