package io.github.dynastream;

import io.github.dynastream.internal.Lazy;
import io.github.dynastream.internal.RecordInternals;
import io.github.dynastream.source.RawImage;
import io.github.dynastream.source.StreamArns;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One change from a DynamoDB stream, independent of how it arrived (Lambda event JSON, {@code
 * DynamodbEvent}, EventBridge Pipes array, Kinesis Data Streams for DynamoDB, Streams API records):
 * the "record" step of the flow, which every {@link io.github.dynastream.source source adapter}
 * produces and everything after it reads. Handler methods may take it as a parameter:
 *
 * <pre>{@code
 * @OnRemove
 * void removed(Order order, ChangeRecord record) {
 *     if (record.isTimeToLiveDelete()) { archive(order); }
 * }
 * }</pre>
 *
 * <p>Images are decoded from the event on first access and kept; a malformed image throws {@link
 * MalformedAttributeException} from {@link #keys()}, {@link #oldImage()} or {@link #newImage()}.
 * Instances are immutable and thread-safe. {@link #toString()} shows identifiers only, never
 * attribute values.
 */
public final class ChangeRecord {
    private final String eventId;
    private final EventName eventName;
    private final String sequenceNumber;
    private final String eventVersion;
    private final String eventSource;
    private final String awsRegion;
    private final String eventSourceArn;
    private final String tableName;
    private final Long sizeBytes;
    private final StreamViewType streamViewType;
    private final Instant approximateCreationDateTime;
    private final UserIdentity userIdentity;
    private final Supplier<Map<String, AttributeValue>> keys;
    private final Supplier<Map<String, AttributeValue>> oldImage;
    private final Supplier<Map<String, AttributeValue>> newImage;
    private final RawImage rawOldImage;
    private final RawImage rawNewImage;

    private static final Supplier<Map<String, AttributeValue>> NO_KEYS = Map::of;

    static {
        RecordInternals.install((record, newImage) -> newImage ? record.rawNewImage : record.rawOldImage);
    }

    private ChangeRecord(Builder b) {
        this.eventId = b.eventId;
        this.eventName = b.eventName;
        this.sequenceNumber = b.sequenceNumber;
        this.eventVersion = b.eventVersion;
        this.eventSource = b.eventSource;
        this.awsRegion = b.awsRegion;
        this.eventSourceArn = b.eventSourceArn;
        this.tableName = b.tableName != null ? b.tableName : StreamArns.tableName(b.eventSourceArn);
        this.sizeBytes = b.sizeBytes;
        this.streamViewType = b.streamViewType;
        this.approximateCreationDateTime = b.approximateCreationDateTime;
        this.userIdentity = b.userIdentity;
        this.keys = b.keys != null ? b.keys : NO_KEYS;
        this.oldImage = b.oldImage;
        this.newImage = b.newImage;
        this.rawOldImage = b.rawOldImage;
        this.rawNewImage = b.rawNewImage;
    }

    /** Starts a record; {@code eventId}, {@code eventName} and {@code sequenceNumber} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The record's unique id ({@code eventID}); the default idempotency key. */
    public String eventId() {
        return eventId;
    }

    /** INSERT, MODIFY or REMOVE. */
    public EventName eventName() {
        return eventName;
    }

    /**
     * The stream sequence number: the identifier Lambda's partial batch response expects. On Kinesis
     * Data Streams for DynamoDB it is the Kinesis record's sequence number (the change record carries
     * none). Compare sequence numbers numerically, not as strings.
     */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** The record format version, e.g. {@code "1.1"}, if the event carried one. */
    public Optional<String> eventVersion() {
        return Optional.ofNullable(eventVersion);
    }

    /** The event source, normally {@code "aws:dynamodb"}, if the event carried one. */
    public Optional<String> eventSource() {
        return Optional.ofNullable(eventSource);
    }

    /** The region of the record, if the event carried one. */
    public Optional<String> awsRegion() {
        return Optional.ofNullable(awsRegion);
    }

    /**
     * The stream (from EventBridge Pipes, the table; from Kinesis, the Kinesis stream) ARN, if the
     * event carried one.
     */
    public Optional<String> eventSourceArn() {
        return Optional.ofNullable(eventSourceArn);
    }

    /**
     * The table name: the record's own {@code tableName} (Kinesis Data Streams for DynamoDB), else
     * taken from the event source ARN ({@code ...:table/NAME/stream/...}).
     */
    public Optional<String> tableName() {
        return Optional.ofNullable(tableName);
    }

    /** The size of the record as DynamoDB reported it. */
    public OptionalLong sizeBytes() {
        return sizeBytes == null ? OptionalLong.empty() : OptionalLong.of(sizeBytes);
    }

    /** Which images the stream writes, if the record says. */
    public Optional<StreamViewType> streamViewType() {
        return Optional.ofNullable(streamViewType);
    }

    /**
     * When the change was made, to the precision the event gave (up to nanoseconds; on Kinesis,
     * milliseconds or microseconds as the payload's {@code ApproximateCreationDateTimePrecision}
     * says).
     */
    public Optional<Instant> approximateCreationDateTime() {
        return Optional.ofNullable(approximateCreationDateTime);
    }

    /** Who made the change; present only for Time to Live deletes in real streams. */
    public Optional<UserIdentity> userIdentity() {
        return Optional.ofNullable(userIdentity);
    }

    /** Whether this is a REMOVE written by DynamoDB's Time to Live expiry. */
    public boolean isTimeToLiveDelete() {
        return eventName == EventName.REMOVE && userIdentity != null && userIdentity.isTimeToLive();
    }

    /**
     * The item's key attributes, in stream order.
     *
     * @throws MalformedAttributeException if a key attribute is not valid DynamoDB JSON
     */
    public Map<String, AttributeValue> keys() {
        return keys.get();
    }

    /**
     * The item before the change; absent for INSERT and on streams without old images.
     *
     * @throws MalformedAttributeException if an attribute is not valid DynamoDB JSON
     */
    public Optional<Map<String, AttributeValue>> oldImage() {
        return oldImage == null ? Optional.empty() : Optional.of(oldImage.get());
    }

    /**
     * The item after the change; absent for REMOVE and on streams without new images.
     *
     * @throws MalformedAttributeException if an attribute is not valid DynamoDB JSON
     */
    public Optional<Map<String, AttributeValue>> newImage() {
        return newImage == null ? Optional.empty() : Optional.of(newImage.get());
    }

    /** Whether the record carries an OldImage, without decoding it. */
    public boolean hasOldImage() {
        return oldImage != null;
    }

    /** Whether the record carries a NewImage, without decoding it. */
    public boolean hasNewImage() {
        return newImage != null;
    }

    /** A builder holding this record's values, to derive a modified copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.eventId = eventId;
        b.eventName = eventName;
        b.sequenceNumber = sequenceNumber;
        b.eventVersion = eventVersion;
        b.eventSource = eventSource;
        b.awsRegion = awsRegion;
        b.eventSourceArn = eventSourceArn;
        b.tableName = tableName;
        b.sizeBytes = sizeBytes;
        b.streamViewType = streamViewType;
        b.approximateCreationDateTime = approximateCreationDateTime;
        b.userIdentity = userIdentity;
        b.keys = keys;
        b.oldImage = oldImage;
        b.newImage = newImage;
        b.rawOldImage = rawOldImage;
        b.rawNewImage = rawNewImage;
        return b;
    }

    /** Equal when every field and every image attribute is equal (images are decoded to compare). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ChangeRecord other
                && eventId.equals(other.eventId)
                && eventName == other.eventName
                && sequenceNumber.equals(other.sequenceNumber)
                && Objects.equals(eventVersion, other.eventVersion)
                && Objects.equals(eventSource, other.eventSource)
                && Objects.equals(awsRegion, other.awsRegion)
                && Objects.equals(eventSourceArn, other.eventSourceArn)
                && Objects.equals(tableName, other.tableName)
                && Objects.equals(sizeBytes, other.sizeBytes)
                && streamViewType == other.streamViewType
                && Objects.equals(approximateCreationDateTime, other.approximateCreationDateTime)
                && Objects.equals(userIdentity, other.userIdentity)
                && keys().equals(other.keys())
                && oldImage().equals(other.oldImage())
                && newImage().equals(other.newImage());
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventName, sequenceNumber);
    }

    /** Identifiers, event name and table; no attribute values (keys included) are shown. */
    @Override
    public String toString() {
        return "ChangeRecord[eventId=" + eventId + ", eventName=" + eventName + ", sequenceNumber=" + sequenceNumber
                + (tableName != null ? ", table=" + tableName : "") + "]";
    }

    /**
     * Builds a {@link ChangeRecord}, for adapters of other sources and for tests. Not thread-safe.
     *
     * <pre>{@code
     * ChangeRecord record = ChangeRecord.builder()
     *         .eventId("e-1").eventName(EventName.INSERT).sequenceNumber("100")
     *         .keys(Map.of("id", AttributeValue.s("o-1")))
     *         .newImage(Map.of("id", AttributeValue.s("o-1"), "total", AttributeValue.n("9.99")))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String eventId;
        private EventName eventName;
        private String sequenceNumber;
        private String eventVersion;
        private String eventSource;
        private String awsRegion;
        private String eventSourceArn;
        private String tableName;
        private Long sizeBytes;
        private StreamViewType streamViewType;
        private Instant approximateCreationDateTime;
        private UserIdentity userIdentity;
        private Supplier<Map<String, AttributeValue>> keys;
        private Supplier<Map<String, AttributeValue>> oldImage;
        private Supplier<Map<String, AttributeValue>> newImage;
        private RawImage rawOldImage;
        private RawImage rawNewImage;

        private Builder() {}

        /** Sets the {@code eventID}. */
        public Builder eventId(String eventId) {
            this.eventId = Objects.requireNonNull(eventId, "eventId");
            return this;
        }

        /** Sets the event name. */
        public Builder eventName(EventName eventName) {
            this.eventName = Objects.requireNonNull(eventName, "eventName");
            return this;
        }

        /** Sets the stream sequence number. */
        public Builder sequenceNumber(String sequenceNumber) {
            this.sequenceNumber = Objects.requireNonNull(sequenceNumber, "sequenceNumber");
            return this;
        }

        /** Sets the record format version; null means absent. */
        public Builder eventVersion(String eventVersion) {
            this.eventVersion = eventVersion;
            return this;
        }

        /** Sets the event source; null means absent. */
        public Builder eventSource(String eventSource) {
            this.eventSource = eventSource;
            return this;
        }

        /** Sets the region; null means absent. */
        public Builder awsRegion(String awsRegion) {
            this.awsRegion = awsRegion;
            return this;
        }

        /** Sets the event source ARN; the table name is derived from it unless set explicitly. */
        public Builder eventSourceArn(String eventSourceArn) {
            this.eventSourceArn = eventSourceArn;
            return this;
        }

        /** Sets the table name explicitly; null derives it from the event source ARN. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** Sets the record size; null means absent. */
        public Builder sizeBytes(Long sizeBytes) {
            this.sizeBytes = sizeBytes;
            return this;
        }

        /** Sets the view type; null means absent. */
        public Builder streamViewType(StreamViewType streamViewType) {
            this.streamViewType = streamViewType;
            return this;
        }

        /** Sets the creation time; null means absent. */
        public Builder approximateCreationDateTime(Instant approximateCreationDateTime) {
            this.approximateCreationDateTime = approximateCreationDateTime;
            return this;
        }

        /** Sets the user identity; null means absent. */
        public Builder userIdentity(UserIdentity userIdentity) {
            this.userIdentity = userIdentity;
            return this;
        }

        /** Sets the key attributes. */
        public Builder keys(Map<String, AttributeValue> keys) {
            this.keys = Lazy.ofValue(copy(Objects.requireNonNull(keys, "keys")));
            return this;
        }

        /** Sets the OldImage; null means the record has none. */
        public Builder oldImage(Map<String, AttributeValue> oldImage) {
            this.oldImage = oldImage == null ? null : Lazy.ofValue(copy(oldImage));
            this.rawOldImage = null;
            return this;
        }

        /** Sets the NewImage; null means the record has none. */
        public Builder newImage(Map<String, AttributeValue> newImage) {
            this.newImage = newImage == null ? null : Lazy.ofValue(copy(newImage));
            this.rawNewImage = null;
            return this;
        }

        /**
         * Sets the key attributes, decoded on first access (for source adapters; {@link
         * #keys(Map)} for known values). The supplier is called at most once per racing thread and
         * may throw {@link MalformedAttributeException}, which then comes out of {@link
         * ChangeRecord#keys()}; null means no keys (an empty map).
         *
         * <pre>{@code
         * builder.lazyKeys(() -> decode(payload, "Keys"));
         * }</pre>
         */
        public Builder lazyKeys(Supplier<Map<String, AttributeValue>> keys) {
            this.keys = keys == null ? null : keys instanceof RawImage ? keys : Lazy.of(keys);
            return this;
        }

        /**
         * Sets the OldImage, decoded on first access (for source adapters); null means the record
         * has none. See {@link #lazyKeys(Supplier)}.
         */
        public Builder lazyOldImage(Supplier<Map<String, AttributeValue>> oldImage) {
            this.oldImage = oldImage == null ? null : Lazy.of(oldImage);
            this.rawOldImage = null;
            return this;
        }

        /**
         * Sets the NewImage, decoded on first access (for source adapters); null means the record
         * has none. See {@link #lazyKeys(Supplier)}.
         */
        public Builder lazyNewImage(Supplier<Map<String, AttributeValue>> newImage) {
            this.newImage = newImage == null ? null : Lazy.of(newImage);
            this.rawNewImage = null;
            return this;
        }

        /**
         * Sets the OldImage as it still is in the event's bytes (for source adapters that read
         * bytes): readers that can map DynamoDB JSON directly do so, everything else gets its
         * attributes decoded on first access. Null means the record has none.
         */
        public Builder rawOldImage(RawImage image) {
            this.rawOldImage = image;
            this.oldImage = image;
            return this;
        }

        /** Sets the NewImage as it still is in the event's bytes; see {@link #rawOldImage(RawImage)}. */
        public Builder rawNewImage(RawImage image) {
            this.rawNewImage = image;
            this.newImage = image;
            return this;
        }

        /**
         * Builds the record.
         *
         * @throws IllegalStateException if eventId, eventName or sequenceNumber was not set
         */
        public ChangeRecord build() {
            requireSet(eventId, "eventId");
            requireSet(eventName, "eventName");
            requireSet(sequenceNumber, "sequenceNumber");
            return new ChangeRecord(this);
        }

        private static void requireSet(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException(name + " is required but was not set");
            }
        }

        private static Map<String, AttributeValue> copy(Map<String, AttributeValue> image) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(image));
        }
    }
}
