package io.github.dynastream;

import static io.github.dynastream.TestEvents.event;
import static io.github.dynastream.TestEvents.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.JacksonItemMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Images become the handler's item types through the Jackson item mapper. */
class ItemMappingTest {
    enum Status {
        NEW,
        SHIPPED
    }

    record Address(String city, List<String> lines) {}

    record Everything(
            String s,
            int i,
            long l,
            double d,
            Integer boxed,
            BigDecimal exact,
            BigInteger big,
            boolean flag,
            Instant isoTime,
            Instant epochTime,
            Instant fractionalTime,
            Status status,
            byte[] bytes,
            ByteBuffer buffer,
            List<Object> mixed,
            Set<String> tags,
            Set<BigDecimal> numbers,
            List<byte[]> blobs,
            Map<String, Integer> counts,
            Address address,
            List<Address> history,
            String nothing,
            List<String> emptyList,
            Map<String, Object> emptyMap) {}

    static final String EVERYTHING = """
            {"s":{"S":"text"},"i":{"N":"42"},"l":{"N":"9007199254740993"},"d":{"N":"2.5"},"boxed":{"N":"-7"},
             "exact":{"N":"12345678901234567890.123456789012345678"},
             "big":{"N":"98765432109876543210987654321098765432"},
             "flag":{"BOOL":true},"isoTime":{"S":"2026-01-02T03:04:05.123Z"},"epochTime":{"N":"1767225600"},
             "fractionalTime":{"N":"1767225600.25"},"status":{"S":"SHIPPED"},
             "bytes":{"B":"AAEqQQ=="},"buffer":{"B":"AQID"},
             "mixed":{"L":[{"S":"a"},{"N":"1"},{"N":"0.1"},{"BOOL":false},{"NULL":true},{"M":{"k":{"S":"v"}}}]},
             "tags":{"SS":["red","blue"]},"numbers":{"NS":["1","2.5"]},"blobs":{"BS":["AQ==","Ag=="]},
             "counts":{"M":{"a":{"N":"1"},"b":{"N":"2"}}},
             "address":{"M":{"city":{"S":"Berlin"},"lines":{"L":[{"S":"Street 1"}]}}},
             "history":{"L":[{"M":{"city":{"S":"Oslo"},"lines":{"L":[]}}}]},
             "nothing":{"NULL":true},"emptyList":{"L":[]},"emptyMap":{"M":{}},
             "notInTheRecord":{"S":"ignored"}}
            """;

    static final class Capture<T> {
        final List<T> items = new ArrayList<>();
    }

    @Test
    void everyAttributeTypeMapsIntoRecordComponents() {
        List<Everything> seen = new ArrayList<>();
        var processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Everything item) {
                        seen.add(item);
                    }
                })
                .build();

        var response = processor.process(event(insert("k", 1, EVERYTHING)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        Everything e = seen.get(0);
        assertThat(e.s()).isEqualTo("text");
        assertThat(e.i()).isEqualTo(42);
        assertThat(e.l()).isEqualTo(9_007_199_254_740_993L); // beyond a double's exact range
        assertThat(e.d()).isEqualTo(2.5);
        assertThat(e.boxed()).isEqualTo(-7);
        assertThat(e.exact()).isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
        assertThat(e.big()).isEqualTo(new BigInteger("98765432109876543210987654321098765432"));
        assertThat(e.flag()).isTrue();
        assertThat(e.isoTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123Z"));
        assertThat(e.epochTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(e.fractionalTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00.250Z"));
        assertThat(e.status()).isEqualTo(Status.SHIPPED);
        assertThat(e.bytes()).containsExactly(0, 1, 42, 65);
        assertThat(e.buffer()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(e.mixed()).containsExactly("a", 1L, new BigDecimal("0.1"), false, null, Map.of("k", "v"));
        assertThat(e.tags()).containsExactlyInAnyOrder("red", "blue");
        assertThat(e.numbers()).containsExactlyInAnyOrder(BigDecimal.ONE, new BigDecimal("2.5"));
        assertThat(e.blobs()).containsExactly(new byte[] {1}, new byte[] {2});
        assertThat(e.counts()).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        assertThat(e.address()).isEqualTo(new Address("Berlin", List.of("Street 1")));
        assertThat(e.history()).containsExactly(new Address("Oslo", List.of()));
        assertThat(e.nothing()).isNull();
        assertThat(e.emptyList()).isEmpty();
        assertThat(e.emptyMap()).isEmpty();
    }

    /** A classic bean with a no-argument constructor and setters. */
    public static final class OrderBean {
        private String id;
        private BigDecimal total;
        private List<String> tags;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public BigDecimal getTotal() {
            return total;
        }

        public void setTotal(BigDecimal total) {
            this.total = total;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }
    }

    @Test
    void pojosMapThroughSetters() {
        List<OrderBean> seen = new ArrayList<>();
        StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(OrderBean order) {
                        seen.add(order);
                    }
                })
                .build()
                .process(event(insert(
                        "o-1", 1, "{\"id\":{\"S\":\"o-1\"},\"total\":{\"N\":\"19.99\"},\"tags\":{\"SS\":[\"x\"]}}")));

        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.getId()).isEqualTo("o-1");
            assertThat(o.getTotal()).isEqualTo(new BigDecimal("19.99"));
            assertThat(o.getTags()).containsExactly("x");
        });
    }

    record SnakeCase(String orderId, int itemCount) {}

    @Test
    void userSuppliedObjectMapperIsUsed() {
        ObjectMapper mapper =
                JacksonItemMapper.defaultObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        List<SnakeCase> seen = new ArrayList<>();

        StreamProcessor.builder()
                .itemMapper(ItemMapper.jackson(mapper))
                .handler(new Object() {
                    @OnInsert
                    void on(SnakeCase item) {
                        seen.add(item);
                    }
                })
                .build()
                .process(event(insert("k", 1, "{\"order_id\":{\"S\":\"o-9\"},\"item_count\":{\"N\":\"3\"}}")));

        assertThat(seen).containsExactly(new SnakeCase("o-9", 3));
    }

    @Test
    void rawImageParameterGetsTheAttributesUnmapped() {
        List<Map<String, AttributeValue>> seen = new ArrayList<>();
        StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(Map<String, AttributeValue> image) {
                        seen.add(image);
                    }
                })
                .build()
                .process(event(insert("k", 1, TestEvents.order("k", "NEW", "1.50"))));

        assertThat(seen)
                .singleElement()
                .satisfies(image -> assertThat(image)
                        .containsEntry("status", AttributeValue.s("NEW"))
                        .containsEntry("total", AttributeValue.n("1.5")));
    }

    record Account(String id) {}

    @Test
    void aMapperOfYourOwnThatFailsInItsOwnWordsFailsTheRecordWithAMappingExceptionThatKeepsNoValue() {
        ItemMapper failing = new ItemMapper() {
            @Override
            public <T> io.github.dynastream.mapping.ItemReader<T> readerFor(java.lang.reflect.Type itemType) {
                return image -> {
                    throw new IllegalStateException("cannot parse account 'secret-1234'");
                };
            }

            @Override
            public <T> io.github.dynastream.mapping.ItemWriter<T> writerFor(java.lang.reflect.Type itemType) {
                throw new UnsupportedOperationException();
            }
        };
        List<RecordOutcome> outcomes = new ArrayList<>();
        var processor = StreamProcessor.builder()
                .itemMapper(failing)
                .handler(new Object() {
                    @OnInsert
                    void on(Account account) {}
                })
                .listener(ProcessingListener.onRecords(outcomes::add))
                .logBatchSummary(false)
                .build();

        var response = processor.process(event(insert("a-1", 1, "{\"id\":{\"S\":\"a-1\"}}")));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(outcomes.get(0).cause())
                .isInstanceOfSatisfying(ItemMappingException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("NewImage");
                    assertThat(e.targetType()).isEqualTo(Account.class.getTypeName());
                    assertThat(e.eventId()).isEqualTo("e-1");
                    assertThat(e.reason()).contains("java.lang.IllegalStateException");
                })
                .hasMessageNotContaining("secret")
                .hasNoCause();
    }
}
