package io.github.dynastream.examples.replication;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test items of the {@code Products} table (partition key {@code id}), as raw images. */
final class Products {
    static final TestTable TABLE =
            StreamEvents.table("Products").partitionKey("id").build();

    /** A 38-digit number: more than a double or a long holds. */
    static final String BIG_NUMBER = "12345678901234567890123456789012345678";

    private Products() {}

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.s(id));
    }

    /** A product with every kind of attribute, some of which no Java class in this example knows. */
    static Map<String, AttributeValue> product(String id, int version, String price) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.s(id));
        item.put("version", AttributeValue.n(Integer.toString(version)));
        item.put("price", AttributeValue.n(price));
        item.put("stock", AttributeValue.n(BIG_NUMBER));
        item.put("tags", new AttributeValue.SS(List.of("garden", "summer")));
        item.put("sizes", new AttributeValue.NS(List.of(new BigDecimal("0.5"), new BigDecimal("1E+3"))));
        item.put("thumbnail", new AttributeValue.B(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, -1}));
        item.put("checksums", new AttributeValue.BS(List.of(new byte[] {1, 2}, new byte[] {3})));
        item.put("discontinued", new AttributeValue.Bool(false));
        item.put("supplier", AttributeValue.Null.INSTANCE);
        item.put(
                "dimensions",
                new AttributeValue.M(Map.of(
                        "unit", AttributeValue.s("cm"),
                        "sides", new AttributeValue.L(List.of(AttributeValue.n("10.00"), AttributeValue.n("2.5"))),
                        "notes", new AttributeValue.L(List.of()))));
        item.put(
                "description",
                AttributeValue.s("ünïcödé "
                        + new String(
                                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x8C, (byte) 0xB1},
                                StandardCharsets.UTF_8)));
        return item;
    }

    /** A minimal product: key, version, price. */
    static Map<String, AttributeValue> small(String id, int version, String price) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.s(id));
        item.put("version", AttributeValue.n(Integer.toString(version)));
        item.put("price", AttributeValue.n(price));
        return item;
    }
}
