package io.github.dynastream.enhanced;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbConvertedBy;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbFlatten;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A writer-side entity with every attribute type the Enhanced Client maps. */
@DynamoDbBean
public class Shipment {
    public enum Status {
        PACKED,
        SHIPPED,
        DELIVERED
    }

    private String id;
    private Integer seq;
    private int parcels;
    private BigDecimal total;
    private Double weight;
    private Boolean express;
    private Instant shippedAt;
    private Status status;
    private SdkBytes label;
    private Set<String> tags;
    private Set<Integer> scores;
    private Set<SdkBytes> blobs;
    private List<String> notes;
    private Map<String, String> attributes;
    private Address address;
    private List<Address> stops;
    private Audit audit;
    private Money price;
    private String comment;

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSortKey
    public Integer getSeq() {
        return seq;
    }

    public void setSeq(Integer seq) {
        this.seq = seq;
    }

    public int getParcels() {
        return parcels;
    }

    public void setParcels(int parcels) {
        this.parcels = parcels;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public Double getWeight() {
        return weight;
    }

    public void setWeight(Double weight) {
        this.weight = weight;
    }

    public Boolean getExpress() {
        return express;
    }

    public void setExpress(Boolean express) {
        this.express = express;
    }

    public Instant getShippedAt() {
        return shippedAt;
    }

    public void setShippedAt(Instant shippedAt) {
        this.shippedAt = shippedAt;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public SdkBytes getLabel() {
        return label;
    }

    public void setLabel(SdkBytes label) {
        this.label = label;
    }

    public Set<String> getTags() {
        return tags;
    }

    public void setTags(Set<String> tags) {
        this.tags = tags;
    }

    public Set<Integer> getScores() {
        return scores;
    }

    public void setScores(Set<Integer> scores) {
        this.scores = scores;
    }

    public Set<SdkBytes> getBlobs() {
        return blobs;
    }

    public void setBlobs(Set<SdkBytes> blobs) {
        this.blobs = blobs;
    }

    public List<String> getNotes() {
        return notes;
    }

    public void setNotes(List<String> notes) {
        this.notes = notes;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    public Address getAddress() {
        return address;
    }

    public void setAddress(Address address) {
        this.address = address;
    }

    public List<Address> getStops() {
        return stops;
    }

    public void setStops(List<Address> stops) {
        this.stops = stops;
    }

    @DynamoDbFlatten
    public Audit getAudit() {
        return audit;
    }

    public void setAudit(Audit audit) {
        this.audit = audit;
    }

    @DynamoDbConvertedBy(MoneyConverter.class)
    public Money getPrice() {
        return price;
    }

    public void setPrice(Money price) {
        this.price = price;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shipment s
                && Objects.equals(id, s.id)
                && Objects.equals(seq, s.seq)
                && parcels == s.parcels
                && (total == null ? s.total == null : s.total != null && total.compareTo(s.total) == 0)
                && Objects.equals(weight, s.weight)
                && Objects.equals(express, s.express)
                && Objects.equals(shippedAt, s.shippedAt)
                && status == s.status
                && Objects.equals(label, s.label)
                && Objects.equals(tags, s.tags)
                && Objects.equals(scores, s.scores)
                && Objects.equals(blobs, s.blobs)
                && Objects.equals(notes, s.notes)
                && Objects.equals(attributes, s.attributes)
                && Objects.equals(address, s.address)
                && Objects.equals(stops, s.stops)
                && Objects.equals(audit, s.audit)
                && Objects.equals(price, s.price)
                && Objects.equals(comment, s.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, seq);
    }

    @Override
    public String toString() {
        return "Shipment[id=" + id + ", seq=" + seq + ", parcels=" + parcels + ", total=" + total + ", weight="
                + weight + ", express=" + express + ", shippedAt=" + shippedAt + ", status=" + status + ", label="
                + label + ", tags=" + tags + ", scores=" + scores + ", blobs=" + blobs + ", notes=" + notes
                + ", attributes=" + attributes + ", address=" + address + ", stops=" + stops + ", audit=" + audit
                + ", price=" + price + ", comment=" + comment + "]";
    }

    /** A nested bean. */
    @DynamoDbBean
    public static class Address {
        private String city;
        private String zip;

        public Address() {}

        public Address(String city, String zip) {
            this.city = city;
            this.zip = zip;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        public String getZip() {
            return zip;
        }

        public void setZip(String zip) {
            this.zip = zip;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && Objects.equals(city, a.city) && Objects.equals(zip, a.zip);
        }

        @Override
        public int hashCode() {
            return Objects.hash(city, zip);
        }

        @Override
        public String toString() {
            return "Address[" + city + ", " + zip + "]";
        }
    }

    /** Flattened into the item's top level. */
    @DynamoDbBean
    public static class Audit {
        private String createdBy;
        private Instant createdAt;

        public Audit() {}

        public Audit(String createdBy, Instant createdAt) {
            this.createdBy = createdBy;
            this.createdAt = createdAt;
        }

        public String getCreatedBy() {
            return createdBy;
        }

        public void setCreatedBy(String createdBy) {
            this.createdBy = createdBy;
        }

        public Instant getCreatedAt() {
            return createdAt;
        }

        public void setCreatedAt(Instant createdAt) {
            this.createdAt = createdAt;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Audit a
                    && Objects.equals(createdBy, a.createdBy)
                    && Objects.equals(createdAt, a.createdAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(createdBy, createdAt);
        }

        @Override
        public String toString() {
            return "Audit[" + createdBy + ", " + createdAt + "]";
        }
    }

    /** A value type the table stores as one string, "EUR 12.30". */
    public record Money(String currency, BigDecimal amount) {}

    /** The writer's custom converter for {@link Money}. */
    public static final class MoneyConverter implements AttributeConverter<Money> {
        @Override
        public AttributeValue transformFrom(Money money) {
            return AttributeValue.fromS(money.currency() + " " + money.amount().toPlainString());
        }

        @Override
        public Money transformTo(AttributeValue value) {
            String[] parts = value.s().split(" ");
            return new Money(parts[0], new BigDecimal(parts[1]));
        }

        @Override
        public EnhancedType<Money> type() {
            return EnhancedType.of(Money.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.S;
        }
    }
}
