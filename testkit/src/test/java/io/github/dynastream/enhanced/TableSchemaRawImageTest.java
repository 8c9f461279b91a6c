package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.Change;
import io.github.dynastream.ItemMappingException;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** TableSchema mapping straight from event bytes gives what mapping from decoded attributes gives. */
class TableSchemaRawImageTest {
    @DynamoDbBean
    public static class Parcel {
        private String id;
        private BigDecimal weight;
        private Set<String> labels;
        private Set<Integer> codes;
        private SdkBytes barcode;
        private List<Map<String, String>> stops;
        private Boolean fragile;
        private String note;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public BigDecimal getWeight() {
            return weight;
        }

        public void setWeight(BigDecimal weight) {
            this.weight = weight;
        }

        public Set<String> getLabels() {
            return labels;
        }

        public void setLabels(Set<String> labels) {
            this.labels = labels;
        }

        public Set<Integer> getCodes() {
            return codes;
        }

        public void setCodes(Set<Integer> codes) {
            this.codes = codes;
        }

        public SdkBytes getBarcode() {
            return barcode;
        }

        public void setBarcode(SdkBytes barcode) {
            this.barcode = barcode;
        }

        public List<Map<String, String>> getStops() {
            return stops;
        }

        public void setStops(List<Map<String, String>> stops) {
            this.stops = stops;
        }

        public Boolean getFragile() {
            return fragile;
        }

        public void setFragile(Boolean fragile) {
            this.fragile = fragile;
        }

        public String getNote() {
            return note;
        }

        public void setNote(String note) {
            this.note = note;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parcel p
                    && Objects.equals(id, p.id)
                    && Objects.equals(weight, p.weight)
                    && Objects.equals(labels, p.labels)
                    && Objects.equals(codes, p.codes)
                    && Objects.equals(barcode, p.barcode)
                    && Objects.equals(stops, p.stops)
                    && Objects.equals(fragile, p.fragile)
                    && Objects.equals(note, p.note);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id);
        }
    }

    private final TableSchemaMapper mapper = TableSchemaMapper.create();
    private final TestTable parcels =
            StreamEvents.table("Parcels").partitionKey("id").itemMapper(mapper).build();

    private static Parcel parcel(String id, String weight) {
        Parcel p = new Parcel();
        p.setId(id);
        p.setWeight(new BigDecimal(weight));
        p.setLabels(Set.of("a", "b"));
        p.setCodes(Set.of(7, 11));
        p.setBarcode(SdkBytes.fromByteArray(new byte[] {1, 2, 3}));
        p.setStops(List.of(Map.of("city", "Oslo"), Map.of()));
        p.setFragile(true);
        return p;
    }

    static final class Collector {
        final List<Parcel> seen = new ArrayList<>();

        @OnInsert
        @OnModify
        void on(Parcel parcel) {
            seen.add(parcel);
        }
    }

    /** The stream through one handler as event bytes and through the other as decoded records. */
    private void processBothWays(TestStream stream, Object viaBytes, Object viaAttributes) {
        StreamProcessor.builder().itemMapper(mapper).handler(viaBytes).build().process(stream.toInputStream());
        StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(viaAttributes)
                .build()
                .processRecords(stream.records());
    }

    @Test
    void bytesAndDecodedAttributesMapToEqualEntities() {
        TestStream stream =
                parcels.stream().insert(parcel("p-1", "1.25")).modify(parcel("p-1", "1.25"), parcel("p-1", "2.5"));
        Collector viaBytes = new Collector();
        Collector viaAttributes = new Collector();

        processBothWays(stream, viaBytes, viaAttributes);

        assertThat(viaBytes.seen).hasSize(2).isEqualTo(viaAttributes.seen);
        assertThat(viaBytes.seen.get(1).getWeight()).isEqualByComparingTo("2.5");
    }

    @Test
    void aWrongTypedAttributeInTheBytesNamesAttributeAndTypeButNotTheValue() {
        Map<String, AttributeValue> image =
                new LinkedHashMap<>(mapper.<Parcel>writerFor(Parcel.class).write(parcel("p-2", "1")));
        image.put("weight", AttributeValue.s("heavy-secret"));
        TestStream stream = parcels.stream().insert(image);
        List<RecordOutcome> outcomes = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(new Collector())
                .listener(new ProcessingListener() {
                    @Override
                    public void onRecord(RecordOutcome outcome) {
                        outcomes.add(outcome);
                    }
                })
                .build();

        processor.process(stream.toInputStream());

        assertThat(outcomes)
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.cause())
                        .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                            assertThat(e.attribute()).isEqualTo("NewImage.weight");
                            assertThat(e.targetType()).contains("BigDecimal");
                        })
                        .hasMessageNotContaining("heavy-secret"));
    }

    @Test
    void imagesWithEscapesOrNonAsciiTextMapAsPlainOnes() {
        Parcel plain = parcel("p-3", "3");
        Parcel escaped = parcel("p-4", "4");
        escaped.setNote("a \"quoted\" note\\ with\ttab and Grüße, 日本, 😀");
        Parcel accented = parcel("p-5", "5");
        accented.setNote("Grüße aus Köln");
        TestStream stream = parcels.stream().insert(plain).insert(escaped).insert(accented);
        Collector viaBytes = new Collector();
        Collector viaAttributes = new Collector();

        processBothWays(stream, viaBytes, viaAttributes);

        assertThat(viaBytes.seen).containsExactly(plain, escaped, accented).isEqualTo(viaAttributes.seen);
    }

    @Test
    void jsonBrokenAfterAnImageMappedOnTheWayIsReportedAtItsLine() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode tree =
                json.readTree(parcels.stream().insert(parcel("p-6", "6")).toJson());
        String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        // Break the JSON after the image: the record's last field loses its closing quote's partner.
        int image = pretty.indexOf("\"NewImage\"");
        int after = pretty.indexOf("\"SequenceNumber\"", image);
        assertThat(after).as("SequenceNumber follows the image").isPositive();
        String broken = pretty.substring(0, after) + "SequenceNumber\" : 1," + pretty.substring(after);
        int line =
                (int) broken.substring(0, after).chars().filter(c -> c == '\n').count() + 1;

        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(mapper)
                .handler(new Collector())
                .build();

        assertThatThrownBy(() -> processor.process(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("line " + line + ",");
    }

    static final class Changes {
        final List<Parcel> before = new ArrayList<>();
        final List<Parcel> after = new ArrayList<>();

        @OnModify
        void on(Change<Parcel> change) {
            before.add(change.oldItem());
            after.add(change.newItem());
        }
    }

    @Test
    void bothImagesOfAChangeMapFromBytesAsFromDecodedAttributes() {
        Parcel escaped = parcel("p-7", "7");
        escaped.setNote("a \"quoted\" note");
        Parcel accented = parcel("p-7", "7.5");
        accented.setNote("Grüße");
        TestStream stream = parcels.stream()
                .modify(parcel("p-7", "1"), parcel("p-7", "2"))
                .modify(escaped, accented)
                .modify(accented, escaped);
        Changes viaBytes = new Changes();
        Changes viaAttributes = new Changes();

        processBothWays(stream, viaBytes, viaAttributes);

        assertThat(viaBytes.before).hasSize(3).isEqualTo(viaAttributes.before);
        assertThat(viaBytes.after).hasSize(3).isEqualTo(viaAttributes.after);
        assertThat(viaBytes.before.get(0).getWeight()).isEqualByComparingTo("1");
        assertThat(viaBytes.before.get(1)).isEqualTo(escaped);
        assertThat(viaBytes.before.get(2)).isEqualTo(accented);
    }
}
