package io.github.dynastream.examples.s3ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds S3 event notifications as S3 sends them to Lambda (the S3 user guide, "Event message
 * structure", version 2.1): object keys URL-encoded, one record per object.
 *
 * <pre>{@code
 * InputStream event = S3Events.event().objectCreated("uploads", "incoming/a b.csv", 120).toInputStream();
 * }</pre>
 */
final class S3Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode records = root.putArray("Records");
    private int sequencer;

    private S3Events() {}

    static S3Events event() {
        return new S3Events();
    }

    /** The test event S3 sends when a notification configuration is saved. */
    static InputStream testEvent(String bucket) {
        ObjectNode event = JSON.createObjectNode()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", "2026-11-30T10:00:00.000Z")
                .put("Bucket", bucket)
                .put("RequestId", "5582815E1AEA5ADF")
                .put("HostId", "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE");
        return new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8));
    }

    S3Events objectCreated(String bucket, String key, long size) {
        return record("ObjectCreated:Put", bucket, key, size);
    }

    S3Events record(String eventName, String bucket, String key, long size) {
        ObjectNode record = records.addObject()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", "us-east-1")
                .put("eventTime", "2026-11-30T10:00:00.000Z")
                .put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:AIDAJDPLRKLG7UEXAMPLE");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", "C3D13FE58DE4C810")
                .put("x-amz-id-2", "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD");
        ObjectNode s3 = record.putObject("s3")
                .put("s3SchemaVersion", "1.0")
                .put("configurationId", "IngestFunctionFileUploaded");
        s3.putObject("bucket")
                .put("name", bucket)
                .put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity")
                .put("principalId", "A3NL1KOZZKExample");
        ObjectNode object = s3.putObject("object")
                .put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("eTag", "d41d8cd98f00b204e9800998ecf8427e")
                .put("sequencer", String.format("0055AED6DCD9028%03d", ++sequencer));
        if (size >= 0) {
            object.put("size", size);
        }
        return this;
    }

    String toJson() {
        return root.toString();
    }

    InputStream toInputStream() {
        return new ByteArrayInputStream(toJson().getBytes(StandardCharsets.UTF_8));
    }
}
