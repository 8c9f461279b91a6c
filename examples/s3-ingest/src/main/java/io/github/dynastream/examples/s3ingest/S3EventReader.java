package io.github.dynastream.examples.s3ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the raw JSON of an S3 event notification (the S3 user guide, "Event message structure")
 * into the objects it names. An event may carry several records; only {@code ObjectCreated:*}
 * records are kept. Keys arrive URL-encoded as in an HTML form ({@code +} for a space, {@code %XX}
 * for other bytes of UTF-8) and are decoded here. The test event S3 sends when a notification is set
 * up ({@code "Event":"s3:TestEvent"}, no {@code Records}) names no object.
 */
final class S3EventReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventReader() {}

    /**
     * The objects created.
     *
     * @throws IllegalArgumentException if the input is not an S3 event
     */
    static List<UploadedObject> read(InputStream event) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the event is not JSON"
                    + (e.getLocation() == null
                            ? ""
                            : " (at line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the event is not a JSON object");
        }
        JsonNode records = root.get("Records");
        if (records == null) {
            if (root.has("Event")) {
                return List.of(); // s3:TestEvent
            }
            throw new IllegalArgumentException("the event has no Records array");
        }
        if (!records.isArray()) {
            throw new IllegalArgumentException("Records is not an array");
        }
        List<UploadedObject> objects = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.path("eventName").asText("").startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").textValue();
            String key = s3.path("object").path("key").textValue();
            if (bucket == null || key == null) {
                throw new IllegalArgumentException("record " + i + " lacks s3.bucket.name or s3.object.key");
            }
            JsonNode size = s3.path("object").path("size");
            objects.add(new UploadedObject(
                    bucket,
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    size.canConvertToLong() ? OptionalLong.of(size.asLong()) : OptionalLong.empty()));
        }
        return objects;
    }
}
