package io.github.dynastream.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.internal.RawImage;
import io.github.dynastream.internal.RawImageReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The standard mapper's direct reading of plain types gives exactly what Jackson gives: the same
 * item, or the same exception with the same message, for every image, natural or not, decoded or as
 * DynamoDB JSON. The reference is a mapper that sends everything through Jackson.
 */
class PlainReaderProperties {
    enum Status {
        NEW,
        PAID,
        SHIPPED
    }

    record Line(String sku, int quantity, BigDecimal price, Double weight) {}

    record Order(
            String id,
            long version,
            Integer count,
            double ratio,
            float discount,
            BigDecimal total,
            BigInteger huge,
            boolean express,
            Boolean gift,
            Status status,
            byte[] signature,
            List<String> notes,
            Set<Long> numbers,
            Set<Status> flags,
            Collection<BigDecimal> amounts,
            List<byte[]> blobs,
            Map<String, Line> byKey,
            List<Line> lines,
            Customer customer) {}

    /** A bean with an inherited setter, a public field, a recursive property and Jackson's naming. */
    public static class Party {
        private String region;

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }
    }

    public static class Customer extends Party {
        private String name;
        private int age;
        private String homepage;
        private Customer referrer;
        private List<Status> history;
        public String nickname;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public String getURL() {
            return homepage;
        }

        public void setURL(String url) {
            this.homepage = url;
        }

        public Customer getReferrer() {
            return referrer;
        }

        public void setReferrer(Customer referrer) {
            this.referrer = referrer;
        }

        public List<Status> getHistory() {
            return history;
        }

        public void setHistory(List<Status> history) {
            this.history = history;
        }

        /** Read-only: no mutator, so an attribute of this name is ignored. */
        public String getDisplayName() {
            return name + " (" + region() + ")";
        }

        private String region() {
            return getRegion();
        }
    }

    private static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "7",
            "-12",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1.5",
            "1.0",
            "10.50",
            "1E+3",
            "1e2",
            "-0.001",
            "0.1",
            "3.4028236E38",
            "1E-130",
            "99999999999999999999999999999999999999",
            "5.",
            ".5",
            "+5",
            "-0.0",
            "1.10",
            "1e0",
            "12345678901234567.5",
            "-123456789012345678");

    private static final List<String> MALFORMED = List.of(
            "{\"N\":\"abc\"}",
            "{\"Q\":\"x\"}",
            "{\"S\":1}",
            "{\"NULL\":false}",
            "{\"B\":\"***\"}",
            "{\"S\":\"a\",\"N\":\"1\"}",
            "{\"L\":[{\"S\"}]}",
            "{}",
            "[]");

    private final JacksonItemMapper reference = JacksonItemMapper.of(JacksonItemMapper.defaultObjectMapper());
    private final JsonFactory json = new JsonFactory();

    @Property(tries = 600, seed = "31415926")
    void decodedImagesReadAsJacksonReadsThem(@ForAll("orders") Map<String, AttributeValue> image) {
        JacksonItemMapper standard = JacksonItemMapper.standard();
        Outcome expected = outcome(() -> reference.readerFor(Order.class).read(image));
        Outcome actual = outcome(() -> standard.readerFor(Order.class).read(image));

        actual.assertSameAs(expected);
        Statistics.label("path").collect(standard.objectMapperCreated() ? "through Jackson" : "direct");
        Statistics.label("path").coverage(coverage -> coverage.check("direct").percentage(p -> p > 10));
    }

    @Property(tries = 600, seed = "27182818")
    void rawImagesReadAsJacksonReadsThem(
            @ForAll("orders") Map<String, AttributeValue> image, @ForAll("malformation") String malformation) {
        byte[] bytes = dynamoJson(image, malformation);
        Supplier<Map<String, AttributeValue>> decoded = () -> {
            if (!malformation.isEmpty()) {
                throw new IllegalStateException("malformed attribute");
            }
            return image;
        };
        RawImage raw = new RawImage(json, bytes, 0, bytes.length, decoded);
        JacksonItemMapper standard = JacksonItemMapper.standard();
        Outcome expected = outcome(() -> rawReader(reference, Order.class).readRaw(raw));
        Outcome actual = outcome(() -> rawReader(standard, Order.class).readRaw(raw));

        actual.assertSameAs(expected);
        Statistics.label("path").collect(standard.objectMapperCreated() ? "through Jackson" : "direct");
        Statistics.label("path").coverage(coverage -> coverage.check("direct").percentage(p -> p > 10));
    }

    @Property(tries = 200, seed = "14142135")
    void naturalImagesNeverCreateAnObjectMapper(@ForAll("naturalOrders") Map<String, AttributeValue> image) {
        JacksonItemMapper standard = JacksonItemMapper.standard();
        byte[] bytes = dynamoJson(image, "");
        RawImage raw = new RawImage(json, bytes, 0, bytes.length, () -> image);

        Order fromMap = standard.<Order>readerFor(Order.class).read(image);
        Order fromJson =
                PlainReaderProperties.<Order>rawReader(standard, Order.class).readRaw(raw);

        assertThat(standard.objectMapperCreated()).isFalse();
        assertThat(fromJson).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(fromMap);
        assertThat(fromMap)
                .usingRecursiveComparison()
                .withStrictTypeChecking()
                .isEqualTo(reference.readerFor(Order.class).read(image));
    }

    @SuppressWarnings("unchecked")
    private static <T> RawImageReader<T> rawReader(JacksonItemMapper mapper, Type type) {
        return (RawImageReader<T>) mapper.<T>readerFor(type);
    }

    /** Values a plain reader takes as they come, sparse images it also takes, and anything at all. */
    enum Mode {
        NATURAL,
        SPARSE,
        ANY
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> orders() {
        return Arbitraries.oneOf(image(Mode.NATURAL), image(Mode.SPARSE), image(Mode.ANY));
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> naturalOrders() {
        return Arbitraries.oneOf(image(Mode.NATURAL), image(Mode.SPARSE));
    }

    @Provide
    Arbitrary<String> malformation() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")), Tuple.of(2, Arbitraries.of(MALFORMED)));
    }

    private Arbitrary<Map<String, AttributeValue>> image(Mode mode) {
        boolean natural = mode != Mode.ANY;
        Map<String, Arbitrary<AttributeValue>> properties = new LinkedHashMap<>();
        properties.put("id", strings());
        properties.put("version", integers(-5_000_000_000L, 5_000_000_000L));
        properties.put("count", integers(Integer.MIN_VALUE, Integer.MAX_VALUE));
        properties.put("ratio", natural ? integers(-1000, 1000) : numbers());
        properties.put("discount", natural ? integers(-1000, 1000) : numbers());
        properties.put("total", numbers());
        properties.put("huge", natural ? integers(Long.MIN_VALUE, Long.MAX_VALUE) : numbers());
        properties.put("express", bools());
        properties.put("gift", bools());
        properties.put("status", natural ? Arbitraries.of("NEW", "PAID").map(AttributeValue::s) : statuses());
        properties.put("signature", binaries());
        properties.put("notes", Arbitraries.oneOf(list(strings()), stringSet()));
        properties.put("numbers", Arbitraries.oneOf(list(integers(-99, 99)), numberSet(integers(-99, 99))));
        properties.put("flags", list(natural ? Arbitraries.of("NEW").map(AttributeValue::s) : statuses()));
        properties.put(
                "amounts",
                natural ? numberSet(integers(0, 5)) : Arbitraries.oneOf(list(numbers()), numberSet(numbers())));
        properties.put("blobs", Arbitraries.oneOf(list(binaries()), binarySet()));
        properties.put("byKey", map(line(mode)));
        properties.put("lines", list(line(mode)));
        properties.put("customer", customer(mode, 2));
        return object(properties, Set.of("version", "ratio", "discount", "express"), mode);
    }

    private Arbitrary<AttributeValue> line(Mode mode) {
        boolean natural = mode != Mode.ANY;
        Map<String, Arbitrary<AttributeValue>> properties = new LinkedHashMap<>();
        properties.put("sku", strings());
        properties.put("quantity", natural ? integers(0, 100) : integers(-3_000_000_000L, 3_000_000_000L));
        properties.put("price", numbers());
        properties.put("weight", natural ? integers(0, 100) : numbers());
        return object(properties, Set.of("quantity"), mode).map(AttributeValue.M::new);
    }

    private Arbitrary<AttributeValue> customer(Mode mode, int depth) {
        boolean natural = mode != Mode.ANY;
        Map<String, Arbitrary<AttributeValue>> properties = new LinkedHashMap<>();
        properties.put("name", strings());
        properties.put("age", integers(0, 120));
        properties.put("region", strings());
        properties.put("url", strings());
        properties.put("nickname", strings());
        properties.put("displayName", strings());
        properties.put("history", list(natural ? Arbitraries.of("PAID").map(AttributeValue::s) : statuses()));
        if (depth > 0) {
            properties.put("referrer", customer(mode, depth - 1));
        }
        return object(properties, Set.of("age"), mode).map(AttributeValue.M::new);
    }

    /**
     * An object. NATURAL: every property present with its natural value. SPARSE: primitive record
     * components natural, every other property absent, NULL or natural, and maybe an attribute the
     * type does not know. ANY: every property absent, natural, NULL or any value at all, and maybe an
     * unknown attribute.
     */
    private Arbitrary<Map<String, AttributeValue>> object(
            Map<String, Arbitrary<AttributeValue>> properties, Set<String> primitives, Mode mode) {
        List<Arbitrary<Map<String, AttributeValue>>> parts = new ArrayList<>();
        Arbitrary<Map<String, AttributeValue>> absent = Arbitraries.just(Map.of());
        Arbitrary<AttributeValue> nul = Arbitraries.just(AttributeValue.Null.INSTANCE);
        properties.forEach((name, value) -> {
            Arbitrary<AttributeValue> chosen = switch (mode) {
                case NATURAL -> value;
                case SPARSE ->
                    primitives.contains(name) ? value : Arbitraries.frequencyOf(Tuple.of(4, value), Tuple.of(1, nul));
                case ANY ->
                    Arbitraries.frequencyOf(
                            Tuple.of(7, value), Tuple.of(1, nul), Tuple.of(1, Arbitraries.lazy(() -> anyValue(1))));
            };
            Arbitrary<Map<String, AttributeValue>> present = chosen.map(v -> Map.of(name, v));
            parts.add(
                    mode == Mode.NATURAL || primitives.contains(name) && mode == Mode.SPARSE
                            ? present
                            : Arbitraries.frequencyOf(Tuple.of(1, absent), Tuple.of(4, present)));
        });
        if (mode != Mode.NATURAL) {
            parts.add(Arbitraries.frequencyOf(
                    Tuple.of(1, absent), Tuple.of(1, anyValue(1).map(v -> Map.of("unknownAttribute", v)))));
        }
        return Combinators.combine(parts).as(maps -> {
            Map<String, AttributeValue> merged = new LinkedHashMap<>();
            maps.forEach(merged::putAll);
            return merged;
        });
    }

    private Arbitrary<AttributeValue> anyValue(int depth) {
        List<Arbitrary<AttributeValue>> scalars = List.of(
                strings(),
                numbers(),
                bools(),
                binaries(),
                Arbitraries.just(AttributeValue.Null.INSTANCE),
                stringSet(),
                numberSet(numbers()),
                binarySet(),
                statuses());
        if (depth == 0) {
            return Arbitraries.oneOf(scalars);
        }
        List<Arbitrary<AttributeValue>> all = new ArrayList<>(scalars);
        all.add(list(anyValue(depth - 1)));
        all.add(map(anyValue(depth - 1)));
        return Arbitraries.oneOf(all);
    }

    private static Arbitrary<AttributeValue> strings() {
        return Arbitraries.strings().ofMaxLength(6).map(AttributeValue::s);
    }

    private static Arbitrary<AttributeValue> statuses() {
        return Arbitraries.of("NEW", "PAID", "SHIPPED", "new", "0", "").map(AttributeValue::s);
    }

    private static Arbitrary<AttributeValue> numbers() {
        return Arbitraries.of(NUMBERS).map(AttributeValue::n);
    }

    private static Arbitrary<AttributeValue> integers(long min, long max) {
        return Arbitraries.longs().between(min, max).map(n -> AttributeValue.n(Long.toString(n)));
    }

    private static Arbitrary<AttributeValue> bools() {
        return Arbitraries.of(true, false).map(AttributeValue.Bool::new);
    }

    private static Arbitrary<AttributeValue> binaries() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4).map(AttributeValue.B::new);
    }

    private static Arbitrary<AttributeValue> stringSet() {
        return Arbitraries.strings()
                .ofMaxLength(3)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements()
                .map(AttributeValue.SS::new);
    }

    private static Arbitrary<AttributeValue> numberSet(Arbitrary<AttributeValue> members) {
        return members.map(n -> ((AttributeValue.N) n).value())
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements(BigDecimal::stripTrailingZeros)
                .map(AttributeValue.NS::new);
    }

    private static Arbitrary<AttributeValue> binarySet() {
        return Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(3)
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .uniqueElements(Base64.getEncoder()::encodeToString)
                .map(AttributeValue.BS::new);
    }

    private static Arbitrary<AttributeValue> list(Arbitrary<AttributeValue> elements) {
        return elements.list().ofMaxSize(3).map(AttributeValue.L::new);
    }

    private static Arbitrary<AttributeValue> map(Arbitrary<AttributeValue> values) {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c"), values)
                .ofMaxSize(2)
                .map(AttributeValue.M::new);
    }

    /** The image as DynamoDB JSON; a malformation, if any, is added as one more attribute. */
    private byte[] dynamoJson(Map<String, AttributeValue> image, String malformation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
                g.writeFieldName(attribute.getKey());
                write(g, attribute.getValue());
            }
            if (!malformation.isEmpty()) {
                g.writeFieldName("broken");
                g.writeRawValue(malformation);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        if (value instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (value instanceof AttributeValue.N n) {
            g.writeStringField("N", n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            g.writeStringField("B", Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof AttributeValue.Bool b) {
            g.writeBooleanField("BOOL", b.value());
        } else if (value instanceof AttributeValue.Null) {
            g.writeBooleanField("NULL", true);
        } else if (value instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            g.writeStartObject();
            for (Map.Entry<String, AttributeValue> attribute : m.value().entrySet()) {
                g.writeFieldName(attribute.getKey());
                write(g, attribute.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof AttributeValue.L l) {
            g.writeArrayFieldStart("L");
            for (AttributeValue element : l.value()) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.SS ss) {
            g.writeArrayFieldStart("SS");
            for (String member : ss.value()) {
                g.writeString(member);
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.NS ns) {
            g.writeArrayFieldStart("NS");
            for (BigDecimal member : ns.value()) {
                g.writeString(member.toString());
            }
            g.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            g.writeArrayFieldStart("BS");
            for (byte[] member : bs.value()) {
                g.writeString(Base64.getEncoder().encodeToString(member));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static Outcome outcome(Supplier<Object> read) {
        try {
            return new Outcome(read.get(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    /** An item read, or what was thrown instead. */
    private record Outcome(Object item, Throwable error) {
        void assertSameAs(Outcome expected) {
            if (expected.error != null) {
                assertThat(error)
                        .as("expected Jackson's error: %s", expected.error)
                        .isNotNull();
                assertThat(error).hasSameClassAs(expected.error).hasMessage(expected.error.getMessage());
            } else {
                assertThat(error)
                        .as("Jackson read it, so must the direct reader")
                        .isNull();
                assertThat(item)
                        .usingRecursiveComparison()
                        .withStrictTypeChecking()
                        .isEqualTo(expected.item);
            }
        }
    }
}
