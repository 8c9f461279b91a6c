package io.github.dynastream.examples.ttlarchive;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

/**
 * Where an expired item goes: {@code <prefix>/<table>/<yyyy>/<mm>/<dd>/<partition key>[/<sort key>].json},
 * dated (UTC) by the record's creation time, when DynamoDB deleted the item. Everything in the key
 * comes from the record, so a redelivery of the same expiry names the same object.
 *
 * <pre>{@code
 * ArchiveLayout layout = ArchiveLayout.of("id");        // archive/Sessions/2026/01/01/s-1.json
 * ArchiveLayout orders = new ArchiveLayout("expired", "customer", "orderId");
 * }</pre>
 *
 * <p>Key values are written as text: a string as it is, a number as its digits, binary as URL-safe
 * base64; characters other than letters, digits and {@code - _ . ~} are percent-encoded (UTF-8), so a
 * key value can never add a folder. Immutable.
 *
 * @param prefix the first folder, e.g. {@code archive}
 * @param partitionKey the table's partition key attribute
 * @param sortKey the table's sort key attribute, or null if it has none
 */
public record ArchiveLayout(String prefix, String partitionKey, String sortKey) {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public ArchiveLayout {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(partitionKey, "partitionKey");
        if (sortKey != null && sortKey.isBlank()) {
            sortKey = null;
        }
    }

    /** Objects under {@code archive/}, for a table with only a partition key. */
    public static ArchiveLayout of(String partitionKey) {
        return new ArchiveLayout("archive", partitionKey, null);
    }

    /**
     * The object key for one expired item.
     *
     * @throws IllegalStateException if the record has no table name, no creation time, or lacks a key
     *     attribute (named, without values)
     */
    public String keyOf(ChangeRecord record) {
        String table = record.tableName()
                .orElseThrow(() -> new IllegalStateException(
                        "record " + record.eventId() + " has no table name in its eventSourceARN"));
        Instant deletedAt = record.approximateCreationDateTime()
                .orElseThrow(() -> new IllegalStateException(
                        "record " + record.eventId() + " has no ApproximateCreationDateTime"));
        StringBuilder key = new StringBuilder(prefix.isEmpty() ? "" : prefix + "/")
                .append(segment(table))
                .append('/')
                .append(DAY.format(deletedAt))
                .append('/')
                .append(keyValue(record, partitionKey));
        if (sortKey != null) {
            key.append('/').append(keyValue(record, sortKey));
        }
        return key.append(".json").toString();
    }

    private static String keyValue(ChangeRecord record, String attribute) {
        AttributeValue value = record.keys().get(attribute);
        if (value == null) {
            throw new IllegalStateException("record " + record.eventId() + " has no key attribute [" + attribute
                    + "]; its keys are " + record.keys().keySet());
        }
        String text;
        if (value instanceof AttributeValue.S s) {
            text = s.value();
        } else if (value instanceof AttributeValue.N n) {
            text = n.value().toString();
        } else if (value instanceof AttributeValue.B b) {
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(b.value());
        } else {
            throw new IllegalStateException("record " + record.eventId() + ": key attribute [" + attribute
                    + "] is of type " + value.type() + "; keys are S, N or B");
        }
        return segment(text);
    }

    /** One path segment: nothing in it can start another folder or climb out of one. */
    private static String segment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~';
            if (safe) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        String segment = out.toString();
        // "." and ".." are folders to some tools; DynamoDB keys are never empty.
        return segment.equals(".") || segment.equals("..") ? segment.replace(".", "%2E") : segment;
    }
}
