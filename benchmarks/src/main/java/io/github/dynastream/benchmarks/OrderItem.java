package io.github.dynastream.benchmarks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The benchmark's item: an order of about 12 attributes with a nested map, a list of maps, a string
 * set, a boolean and a NULL. One bean for both mappers, so Jackson and TableSchema map the same class.
 */
@DynamoDbBean
public class OrderItem {
    private String customerId;
    private String orderId;
    private String status;
    private BigDecimal total;
    private String currency;
    private String createdAt;
    private Boolean express;
    private String giftMessage;
    private Set<String> tags;
    private Address shipping;
    private List<Line> lines;
    private Long version;

    @DynamoDbPartitionKey
    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    @DynamoDbSortKey
    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public Boolean getExpress() {
        return express;
    }

    public void setExpress(Boolean express) {
        this.express = express;
    }

    public String getGiftMessage() {
        return giftMessage;
    }

    public void setGiftMessage(String giftMessage) {
        this.giftMessage = giftMessage;
    }

    public Set<String> getTags() {
        return tags;
    }

    public void setTags(Set<String> tags) {
        this.tags = tags;
    }

    public Address getShipping() {
        return shipping;
    }

    public void setShipping(Address shipping) {
        this.shipping = shipping;
    }

    public List<Line> getLines() {
        return lines;
    }

    public void setLines(List<Line> lines) {
        this.lines = lines;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderItem other
                && Objects.equals(customerId, other.customerId)
                && Objects.equals(orderId, other.orderId)
                && Objects.equals(status, other.status)
                && Objects.equals(total, other.total)
                && Objects.equals(currency, other.currency)
                && Objects.equals(createdAt, other.createdAt)
                && Objects.equals(express, other.express)
                && Objects.equals(giftMessage, other.giftMessage)
                && Objects.equals(tags, other.tags)
                && Objects.equals(shipping, other.shipping)
                && Objects.equals(lines, other.lines)
                && Objects.equals(version, other.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, orderId, version);
    }

    @Override
    public String toString() {
        return "OrderItem[" + customerId + "/" + orderId + " v" + version + "]";
    }

    /** Where the order goes. */
    @DynamoDbBean
    public static class Address {
        private String name;
        private String street;
        private String city;
        private String zip;
        private String country;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getStreet() {
            return street;
        }

        public void setStreet(String street) {
            this.street = street;
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

        public String getCountry() {
            return country;
        }

        public void setCountry(String country) {
            this.country = country;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address other
                    && Objects.equals(name, other.name)
                    && Objects.equals(street, other.street)
                    && Objects.equals(city, other.city)
                    && Objects.equals(zip, other.zip)
                    && Objects.equals(country, other.country);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, street, city, zip, country);
        }
    }

    /** One ordered product. */
    @DynamoDbBean
    public static class Line {
        private String sku;
        private Integer quantity;
        private BigDecimal price;

        public String getSku() {
            return sku;
        }

        public void setSku(String sku) {
            this.sku = sku;
        }

        public Integer getQuantity() {
            return quantity;
        }

        public void setQuantity(Integer quantity) {
            this.quantity = quantity;
        }

        public BigDecimal getPrice() {
            return price;
        }

        public void setPrice(BigDecimal price) {
            this.price = price;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line other
                    && Objects.equals(sku, other.sku)
                    && Objects.equals(quantity, other.quantity)
                    && Objects.equals(price, other.price);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sku, quantity, price);
        }
    }
}
