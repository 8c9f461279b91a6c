package io.github.dynastream.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JacksonItemMapperTest {
    enum Color {
        RED,
        BLUE
    }

    record Inner(String name, Set<Integer> numbers) {}

    record Item(
            String id,
            int count,
            long big,
            double ratio,
            BigDecimal price,
            BigInteger huge,
            boolean flag,
            Instant at,
            Color color,
            ByteBuffer payload,
            List<String> names,
            Set<String> tags,
            Set<Color> colors,
            Set<BigDecimal> amounts,
            Set<ByteBuffer> blobs,
            Set<String> empty,
            Map<String, Inner> byName,
            List<Inner> inners,
            String missing) {}

    private final ItemMapper mapper = ItemMapper.jackson();

    private Item sample() {
        return new Item(
                "i-1",
                7,
                9_007_199_254_740_993L,
                0.1,
                new BigDecimal("12345678901234567890.123456789012345678"),
                new BigInteger("123456789012345678901234567890"),
                true,
                Instant.parse("2026-11-22T10:15:30.123456789Z"),
                Color.BLUE,
                ByteBuffer.wrap(new byte[] {1, 2, 3}),
                List.of("a", "b"),
                new LinkedHashSet<>(List.of("x", "y")),
                Set.of(Color.RED),
                Set.of(new BigDecimal("1.5")),
                Set.of(ByteBuffer.wrap(new byte[] {9})),
                Set.of(),
                Map.of("k", new Inner("n", Set.of(1, 2))),
                List.of(new Inner("m", Set.of())),
                null);
    }

    @Test
    void writesDynamoDbTypesWithSetsWhereTheTypeSaysSet() {
        Map<String, AttributeValue> image = mapper.<Item>writerFor(Item.class).write(sample());

        assertThat(image.get("id")).isEqualTo(AttributeValue.s("i-1"));
        assertThat(image.get("count")).isEqualTo(AttributeValue.n("7"));
        assertThat(image.get("big")).isEqualTo(AttributeValue.n("9007199254740993"));
        assertThat(image.get("ratio")).isEqualTo(AttributeValue.n("0.1"));
        assertThat(image.get("price")).isEqualTo(AttributeValue.n("12345678901234567890.123456789012345678"));
        assertThat(image.get("flag")).isEqualTo(new AttributeValue.Bool(true));
        assertThat(image.get("at")).isEqualTo(AttributeValue.s("2026-11-22T10:15:30.123456789Z"));
        assertThat(image.get("color")).isEqualTo(AttributeValue.s("BLUE"));
        assertThat(image.get("payload")).isEqualTo(new AttributeValue.B(new byte[] {1, 2, 3}));
        assertThat(image.get("names"))
                .isEqualTo(new AttributeValue.L(List.of(AttributeValue.s("a"), AttributeValue.s("b"))));
        assertThat(image.get("tags")).isEqualTo(new AttributeValue.SS(List.of("x", "y")));
        assertThat(image.get("colors")).isEqualTo(new AttributeValue.SS(List.of("RED")));
        assertThat(image.get("amounts")).isEqualTo(new AttributeValue.NS(List.of(new BigDecimal("1.5"))));
        assertThat(image.get("blobs")).isEqualTo(new AttributeValue.BS(List.of(new byte[] {9})));
        assertThat(image.get("empty")).isEqualTo(new AttributeValue.L(List.of()));
        assertThat(((AttributeValue.M) image.get("byName")).value().get("k"))
                .isEqualTo(new AttributeValue.M(Map.of(
                        "name",
                        AttributeValue.s("n"),
                        "numbers",
                        new AttributeValue.NS(List.of(BigDecimal.ONE, BigDecimal.valueOf(2))))));
        assertThat(image.get("missing")).isEqualTo(AttributeValue.Null.INSTANCE);
    }

    record Amounts(BigDecimal price, BigDecimal round, BigDecimal tiny, double ratio) {}

    @Test
    void writtenNumbersKeepTheirDigitsAndScale() {
        Map<String, AttributeValue> image = mapper.<Amounts>writerFor(Amounts.class)
                .write(new Amounts(new BigDecimal("25.00"), new BigDecimal("1000"), new BigDecimal("0.000"), 0.1));

        assertThat(image.get("price"))
                .isInstanceOfSatisfying(
                        AttributeValue.N.class,
                        n -> assertThat(n.value().toString()).isEqualTo("25.00"));
        assertThat(image.get("round"))
                .isInstanceOfSatisfying(
                        AttributeValue.N.class,
                        n -> assertThat(n.value().toString()).isEqualTo("1000"));
        assertThat(image.get("tiny"))
                .isInstanceOfSatisfying(
                        AttributeValue.N.class,
                        n -> assertThat(n.value().toString()).isEqualTo("0.000"));
        assertThat(image.get("ratio"))
                .isInstanceOfSatisfying(
                        AttributeValue.N.class,
                        n -> assertThat(n.value().toString()).isEqualTo("0.1"));
    }

    @Test
    void writtenItemsReadBackEqual() {
        Item item = sample();
        Map<String, AttributeValue> image = mapper.<Item>writerFor(Item.class).write(item);

        Item back = mapper.<Item>readerFor(Item.class).read(image);

        assertThat(back).isEqualTo(item);
    }

    record Odd(double value) {}

    @Test
    void valuesDynamoDbCannotStoreAreRejectedNamingTheAttribute() {
        assertThatThrownBy(() -> mapper.<Odd>writerFor(Odd.class).write(new Odd(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute value is not a finite number");
        assertThatThrownBy(() -> mapper.<String>writerFor(String.class).write("text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not as an object");
    }
}
