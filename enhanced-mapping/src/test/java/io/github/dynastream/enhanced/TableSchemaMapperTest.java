package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.HandlerDefinitionException;
import io.github.dynastream.ItemMappingException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

class TableSchemaMapperTest {
    private final TableSchemaMapper mapper = TableSchemaMapper.create();

    @Test
    void beanRoundTripsThroughImagesWithTheWritersConverters() {
        Shipment shipment = Shipments.full("s-1");

        Map<String, AttributeValue> image =
                mapper.<Shipment>writerFor(Shipment.class).write(shipment);
        Shipment back = mapper.<Shipment>readerFor(Shipment.class).read(image);

        assertThat(back).isEqualTo(shipment);
        assertThat(image.get("price")).isEqualTo(AttributeValue.s("EUR 12.30")); // @DynamoDbConvertedBy
        assertThat(image).containsKeys("createdBy", "createdAt"); // @DynamoDbFlatten
        assertThat(image.get("tags")).isInstanceOf(AttributeValue.SS.class);
        assertThat(image.get("scores")).isInstanceOf(AttributeValue.NS.class);
        assertThat(image.get("blobs")).isInstanceOf(AttributeValue.BS.class);
        assertThat(image.get("label")).isInstanceOf(AttributeValue.B.class);
        assertThat(image.get("total")).isEqualTo(AttributeValue.n("12345678901234567890.123456789012345678"));
        assertThat(((AttributeValue.M) image.get("address")).value())
                .containsEntry("zip", AttributeValue.Null.INSTANCE);
        assertThat(image).doesNotContainKey("comment"); // the Enhanced Client leaves out null top-level attributes
    }

    @Test
    void nullAttributesBecomeNullProperties() {
        Map<String, AttributeValue> image =
                new LinkedHashMap<>(mapper.<Shipment>writerFor(Shipment.class).write(Shipments.full("s-2")));
        image.put("comment", AttributeValue.Null.INSTANCE);
        image.put("weight", AttributeValue.Null.INSTANCE);
        image.put("stops", new AttributeValue.L(List.of()));

        Shipment back = mapper.<Shipment>readerFor(Shipment.class).read(image);

        assertThat(back.getComment()).isNull();
        assertThat(back.getWeight()).isNull();
        assertThat(back.getStops()).isEmpty();
    }

    @Test
    void wrongTypedAttributeNamesAttributeAndTypeButNotTheValue() {
        Map<String, AttributeValue> image =
                new LinkedHashMap<>(mapper.<Shipment>writerFor(Shipment.class).write(Shipments.full("s-3")));
        image.put("total", AttributeValue.s("secret-amount"));

        assertThatThrownBy(() -> mapper.<Shipment>readerFor(Shipment.class).read(image))
                .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("total");
                    assertThat(e.targetType()).contains("BigDecimal");
                })
                .hasMessageNotContaining("secret-amount");
    }

    @DynamoDbImmutable(builder = Parcel.Builder.class)
    public static final class Parcel {
        private final String id;
        private final int grams;

        private Parcel(Builder b) {
            this.id = b.id;
            this.grams = b.grams;
        }

        public static Builder builder() {
            return new Builder();
        }

        @DynamoDbPartitionKey
        public String id() {
            return id;
        }

        public int grams() {
            return grams;
        }

        public static final class Builder {
            private String id;
            private int grams;

            public Builder id(String id) {
                this.id = id;
                return this;
            }

            public Builder grams(int grams) {
                this.grams = grams;
                return this;
            }

            public Parcel build() {
                return new Parcel(this);
            }
        }
    }

    @Test
    void immutableClassesAreDerivedFromTheirAnnotation() {
        Map<String, AttributeValue> image = Map.of("id", AttributeValue.s("p-1"), "grams", AttributeValue.n("750"));

        Parcel parcel = mapper.<Parcel>readerFor(Parcel.class).read(image);

        assertThat(parcel.id()).isEqualTo("p-1");
        assertThat(parcel.grams()).isEqualTo(750);
        assertThat(mapper.keySchema(Parcel.class)).isEqualTo(new KeySchema("id", Optional.empty()));
        assertThat(mapper.keySchema(Shipment.class)).isEqualTo(new KeySchema("id", Optional.of("seq")));
    }

    /** A plain class mapped by a static schema, as teams without annotations do. */
    public static final class Note {
        private String id;
        private String text;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    @Test
    void staticAndDocumentSchemasAreUsedWhenRegistered() {
        TableSchema<Note> notes = TableSchema.builder(Note.class)
                .newItemSupplier(Note::new)
                .addAttribute(
                        String.class,
                        a -> a.name("pk")
                                .getter(Note::getId)
                                .setter(Note::setId)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(
                        String.class, a -> a.name("body").getter(Note::getText).setter(Note::setText))
                .build();
        TableSchema<EnhancedDocument> documents = TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(
                        software.amazon.awssdk.enhanced.dynamodb.TableMetadata.primaryIndexName(),
                        "pk",
                        AttributeValueType.S)
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .build();
        TableSchemaMapper registered = TableSchemaMapper.builder()
                .schema(Note.class, notes)
                .schema(EnhancedDocument.class, documents)
                .build();
        Map<String, AttributeValue> image = Map.of("pk", AttributeValue.s("n-1"), "body", AttributeValue.s("hello"));

        Note note = registered.<Note>readerFor(Note.class).read(image);
        EnhancedDocument document =
                registered.<EnhancedDocument>readerFor(EnhancedDocument.class).read(image);

        assertThat(note.getId()).isEqualTo("n-1");
        assertThat(note.getText()).isEqualTo("hello");
        assertThat(document.getString("body")).isEqualTo("hello");
        assertThat(registered.keySchema(Note.class).partitionKey()).isEqualTo("pk");
    }

    @Test
    void aTypeWithoutSchemaIsRejectedWhenTheProcessorIsBuilt() {
        assertThatThrownBy(() -> StreamProcessor.builder()
                        .itemMapper(mapper)
                        .handler(new Object() {
                            @OnInsert
                            void on(Note note) {}
                        })
                        .build())
                .isInstanceOf(HandlerDefinitionException.class)
                .hasMessageContaining("cannot be mapped: no TableSchema is registered for " + Note.class.getName())
                .hasMessageContaining("annotated neither @DynamoDbBean nor @DynamoDbImmutable");
    }

    /** A plain bean (the annotations are the Enhanced Client's; Jackson ignores them). */
    @DynamoDbBean
    public static final class Reading {
        private String id;
        private BigDecimal value;
        private List<String> labels;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public BigDecimal getValue() {
            return value;
        }

        public void setValue(BigDecimal value) {
            this.value = value;
        }

        public List<String> getLabels() {
            return labels;
        }

        public void setLabels(List<String> labels) {
            this.labels = labels;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reading r
                    && Objects.equals(id, r.id)
                    && Objects.equals(value, r.value)
                    && Objects.equals(labels, r.labels);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, value, labels);
        }
    }

    static final class ReadingHandler {
        final List<Reading> seen = new ArrayList<>();

        @OnInsert
        void on(Reading reading) {
            seen.add(reading);
        }
    }

    @Test
    void jacksonAndTableSchemaGiveTheSameHandlerEqualItems() {
        List<ChangeRecord> records = List.of(
                record(
                        "1",
                        Map.of(
                                "id",
                                AttributeValue.s("r-1"),
                                "value",
                                AttributeValue.n("0.125"),
                                "labels",
                                new AttributeValue.L(List.of(AttributeValue.s("a"), AttributeValue.s("b"))))),
                record(
                        "2",
                        Map.of(
                                "id",
                                AttributeValue.s("r-2"),
                                "value",
                                AttributeValue.n("-7"),
                                "labels",
                                new AttributeValue.L(List.of()))));
        ReadingHandler viaJackson = new ReadingHandler();
        ReadingHandler viaSchema = new ReadingHandler();

        BatchResult a = StreamProcessor.builder().handler(viaJackson).build().processRecords(records);
        BatchResult b = StreamProcessor.builder()
                .handler(viaSchema)
                .itemMapper(TableSchemaMapper.builder()
                        .schema(Reading.class, TableSchema.fromBean(Reading.class))
                        .build())
                .build()
                .processRecords(records);

        assertThat(a.isSuccess()).isTrue();
        assertThat(b.isSuccess()).isTrue();
        assertThat(viaSchema.seen).hasSize(2).isEqualTo(viaJackson.seen);
    }

    private static ChangeRecord record(String sequence, Map<String, AttributeValue> image) {
        return ChangeRecord.builder()
                .eventId("e-" + sequence)
                .eventName(EventName.INSERT)
                .sequenceNumber(sequence)
                .keys(Map.of("id", image.get("id")))
                .newImage(image)
                .build();
    }
}
