package io.github.dynastream.testkit;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DynamoDB table with a stream, as the testkit models it: name, key schema, stream view type,
 * region and account, and the {@link ItemMapper} that turns items into images. Immutable and
 * thread-safe; {@link #stream()} starts a new shard of changes.
 *
 * <pre>{@code
 * TestTable table = StreamEvents.table("Orders")
 *         .partitionKey("customer").sortKey("orderId")
 *         .viewType(StreamViewType.NEW_IMAGE)
 *         .build();
 * }</pre>
 */
public final class TestTable {
    private final String name;
    private final String partitionKey;
    private final String sortKey;
    private final StreamViewType viewType;
    private final String region;
    private final String account;
    private final String streamLabel;
    private final ItemMapper itemMapper;
    private final Map<Class<?>, ItemWriter<Object>> writers = new ConcurrentHashMap<>();

    private TestTable(Builder b) {
        this.name = b.name;
        this.partitionKey = b.partitionKey;
        this.sortKey = b.sortKey;
        this.viewType = b.viewType;
        this.region = b.region;
        this.account = b.account;
        this.streamLabel = b.streamLabel;
        this.itemMapper = b.itemMapper;
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Starts an empty shard of this table's stream. */
    public TestStream stream() {
        return new TestStream(this);
    }

    /** The table name. */
    public String name() {
        return name;
    }

    /** The partition key attribute name. */
    public String partitionKey() {
        return partitionKey;
    }

    /** The sort key attribute name, if the table has one. */
    public Optional<String> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    /** Which images the stream writes. */
    public StreamViewType viewType() {
        return viewType;
    }

    /** The region in ARNs and records. */
    public String region() {
        return region;
    }

    /** The account in ARNs. */
    public String account() {
        return account;
    }

    /** The mapper that turns items into images. */
    public ItemMapper itemMapper() {
        return itemMapper;
    }

    /** The stream ARN: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    public String streamArn() {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name + "/stream/" + streamLabel;
    }

    /**
     * The key attributes of an image, in key-schema order.
     *
     * @throws IllegalArgumentException if the image lacks a key attribute
     */
    public Map<String, AttributeValue> keysOf(Map<String, AttributeValue> image) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put(partitionKey, keyValue(image, partitionKey, "partition"));
        if (sortKey != null) {
            keys.put(sortKey, keyValue(image, sortKey, "sort"));
        }
        return keys;
    }

    private AttributeValue keyValue(Map<String, AttributeValue> image, String attribute, String role) {
        AttributeValue value = image.get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("the item has no " + role + " key attribute \"" + attribute
                    + "\" of table " + name + "; its attributes are " + image.keySet());
        }
        if (!(value instanceof AttributeValue.S
                || value instanceof AttributeValue.N
                || value instanceof AttributeValue.B)) {
            throw new IllegalArgumentException("the " + role + " key attribute \"" + attribute + "\" of table " + name
                    + " must be S, N or B but was " + value.type());
        }
        return value;
    }

    /** The image of an item: a {@code Map<String, AttributeValue>} as it is, anything else mapped. */
    @SuppressWarnings("unchecked")
    Map<String, AttributeValue> imageOf(Object item) {
        Objects.requireNonNull(item, "item");
        if (item instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v instanceof AttributeValue)) {
            return (Map<String, AttributeValue>) map;
        }
        Map<String, AttributeValue> written = writers.computeIfAbsent(
                        item.getClass(), type -> itemMapper.<Object>writerFor(type))
                .write(item);
        Map<String, AttributeValue> stored = new java.util.LinkedHashMap<>();
        written.forEach((name, value) -> stored.put(name, asStored(value)));
        return stored;
    }

    /**
     * A value as DynamoDB stores it, and so writes it to the stream: numbers without the zeros that
     * do not count ("Leading and trailing zeroes are trimmed",
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html),
     * so an item's {@code 21.50} arrives as {@code 21.5} and {@code 1000} as {@code 1000}.
     */
    private static AttributeValue asStored(AttributeValue value) {
        if (value instanceof AttributeValue.N n) {
            return new AttributeValue.N(trimmed(n.value()));
        }
        if (value instanceof AttributeValue.NS ns) {
            return new AttributeValue.NS(
                    ns.value().stream().map(TestTable::trimmed).toList());
        }
        if (value instanceof AttributeValue.M m) {
            Map<String, AttributeValue> members = new java.util.LinkedHashMap<>();
            m.value().forEach((name, member) -> members.put(name, asStored(member)));
            return new AttributeValue.M(members);
        }
        if (value instanceof AttributeValue.L l) {
            return new AttributeValue.L(
                    l.value().stream().map(TestTable::asStored).toList());
        }
        return value;
    }

    private static java.math.BigDecimal trimmed(java.math.BigDecimal number) {
        java.math.BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * Configures a {@link TestTable}. Defaults: {@code NEW_AND_OLD_IMAGES}, region {@code
     * eu-west-1}, account {@code 123456789012}, Jackson mapping. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private String partitionKey;
        private String sortKey;
        private StreamViewType viewType = StreamViewType.NEW_AND_OLD_IMAGES;
        private String region = "eu-west-1";
        private String account = "123456789012";
        private String streamLabel = "2026-01-01T00:00:00.000";
        private ItemMapper itemMapper = ItemMapper.jackson();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets the partition key attribute name (required). */
        public Builder partitionKey(String attribute) {
            this.partitionKey = Objects.requireNonNull(attribute, "attribute");
            return this;
        }

        /** Sets the sort key attribute name; tables without one omit this. */
        public Builder sortKey(String attribute) {
            this.sortKey = Objects.requireNonNull(attribute, "attribute");
            return this;
        }

        /** Sets which images the stream writes. */
        public Builder viewType(StreamViewType viewType) {
            this.viewType = Objects.requireNonNull(viewType, "viewType");
            return this;
        }

        /** Sets the region. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Sets the account id. */
        public Builder account(String account) {
            this.account = Objects.requireNonNull(account, "account");
            return this;
        }

        /** Sets the stream label, the last part of the stream ARN. */
        public Builder streamLabel(String streamLabel) {
            this.streamLabel = Objects.requireNonNull(streamLabel, "streamLabel");
            return this;
        }

        /** Sets how items become images: the same mapper the processor under test uses. */
        public Builder itemMapper(ItemMapper itemMapper) {
            this.itemMapper = Objects.requireNonNull(itemMapper, "itemMapper");
            return this;
        }

        /**
         * Builds the table.
         *
         * @throws IllegalStateException if no partition key was set, or the sort key equals it
         */
        public TestTable build() {
            if (partitionKey == null) {
                throw new IllegalStateException("table " + name + " needs a partition key: call partitionKey(...)");
            }
            if (partitionKey.equals(sortKey)) {
                throw new IllegalStateException(
                        "the sort key must differ from the partition key but both were [" + partitionKey + "]");
            }
            return new TestTable(this);
        }
    }
}
