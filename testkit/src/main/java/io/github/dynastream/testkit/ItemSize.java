package io.github.dynastream.testkit;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DynamoDB's item size rules, roughly: attribute names and string values by UTF-8 length, numbers by
 * significant digits, binary by length, 3 bytes of overhead per map or list and 1 per element. Close
 * enough for a plausible {@code SizeBytes}.
 */
final class ItemSize {
    private ItemSize() {}

    static long of(Map<String, AttributeValue> image) {
        if (image == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    private static long of(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return utf8(s.value());
        }
        if (value instanceof AttributeValue.N n) {
            return number(n.value());
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().length;
        }
        if (value instanceof AttributeValue.Bool || value instanceof AttributeValue.Null) {
            return 1;
        }
        if (value instanceof AttributeValue.M m) {
            return 3 + m.value().size() + of(m.value());
        }
        if (value instanceof AttributeValue.L l) {
            return 3
                    + l.value().size()
                    + l.value().stream().mapToLong(ItemSize::of).sum();
        }
        if (value instanceof AttributeValue.SS ss) {
            return ss.value().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value instanceof AttributeValue.NS ns) {
            return ns.value().stream().mapToLong(ItemSize::number).sum();
        }
        if (value instanceof AttributeValue.BS bs) {
            return bs.value().stream().mapToLong(b -> b.length).sum();
        }
        throw new IllegalStateException("unknown attribute value " + value.getClass());
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long number(BigDecimal number) {
        return (number.stripTrailingZeros().precision() + 1) / 2 + 1;
    }
}
