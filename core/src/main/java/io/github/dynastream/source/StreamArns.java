package io.github.dynastream.source;

/**
 * What a source can learn from an event source ARN. Stateless and thread-safe.
 *
 * <pre>{@code
 * StreamArns.tableName("arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000")
 * // "Orders"
 * }</pre>
 */
public final class StreamArns {
    private static final String TABLE_ARN_MARKER = ":table/";

    private StreamArns() {}

    /**
     * The table name in a DynamoDB table or stream ARN ({@code ...:table/NAME} or {@code
     * ...:table/NAME/stream/...}).
     *
     * @return the name, or null if {@code arn} is null or not such an ARN
     */
    public static String tableName(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int start = arn.indexOf(TABLE_ARN_MARKER);
        if (start < 0) {
            return null;
        }
        start += TABLE_ARN_MARKER.length();
        int end = arn.indexOf('/', start);
        String name = end < 0 ? arn.substring(start) : arn.substring(start, end);
        return name.isEmpty() ? null : name;
    }
}
