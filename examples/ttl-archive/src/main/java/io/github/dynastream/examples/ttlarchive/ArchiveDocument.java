package io.github.dynastream.examples.ttlarchive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.mapping.AttributeValueJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The content of one archived item: the item as DynamoDB JSON (typed, so sets stay sets, binary stays
 * binary and numbers keep every digit) with where and when it expired.
 *
 * <pre>{@code
 * {"table":"Sessions","eventId":"...","sequenceNumber":"...","expiredAt":"2026-01-01T00:00:03Z",
 *  "keys":{"id":{"S":"s-1"}},"item":{"id":{"S":"s-1"},"expiresAt":{"N":"1767225600"},...}}
 * }</pre>
 *
 * <p>Everything comes from the record, in the record's attribute order, so a redelivery writes the
 * same bytes. Stateless and thread-safe.
 */
public final class ArchiveDocument {
    private static final JsonFactory JSON = new JsonFactory();

    private ArchiveDocument() {}

    /**
     * The document for a REMOVE record and its OldImage, UTF-8.
     *
     * @param record the record
     * @param item the item as it was before it expired (the OldImage)
     */
    public static byte[] toJson(ChangeRecord record, Map<String, AttributeValue> item) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("table", record.tableName().orElse(null));
            out.writeStringField("eventId", record.eventId());
            out.writeStringField("sequenceNumber", record.sequenceNumber());
            out.writeStringField(
                    "expiredAt",
                    record.approximateCreationDateTime().map(Object::toString).orElse(null));
            out.writeFieldName("keys");
            AttributeValueJson.writeItem(out, record.keys());
            out.writeFieldName("item");
            AttributeValueJson.writeItem(out, item);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive document of record " + record.eventId(), e);
        }
        return bytes.toByteArray();
    }
}
