package io.github.dynastream.internal;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key a {@link io.github.dynastream.LastAppliedStore} knows an item by: {@code <table>#<digest>},
 * the digest being SHA-256 over the item's key attributes (names, types and values, in name order),
 * so that no key value is stored or shown and every key has the same short length.
 */
final class ItemKeys {
    private ItemKeys() {}

    static String of(ChangeRecord record) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, AttributeValue> key : new TreeMap<>(record.keys()).entrySet()) {
            update(digest, key.getKey());
            update(digest, canonical(key.getValue()));
        }
        return record.tableName().orElse("") + "#"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    }

    /** One text per value, whatever its form in the event: {@code 1.50} and {@code 1.5} are one number. */
    private static String canonical(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return "S:" + s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return "N:" + n.value().stripTrailingZeros().toString();
        }
        if (value instanceof AttributeValue.B b) {
            return "B:" + Base64.getEncoder().encodeToString(b.value());
        }
        return "?:" + value; // DynamoDB keys are S, N or B; anything else still gets one stable text
    }

    /** Length-prefixed, so that no two different sequences of strings digest alike. */
    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
