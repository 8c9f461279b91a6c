package io.github.dynastream.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.source.RawImage;
import io.github.dynastream.testkit.Theories;
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
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The standard mapper's direct reading of plain types gives exactly what Jackson gives: the same
 * item, or the same exception with the same message, for every image, natural or not, decoded or as
 * DynamoDB JSON. The reference is a mapper that sends everything through Jackson. Each property
 * also checks that it exercised both of the standard mapper's paths: the direct reading, in more
 * than a tenth of its examples, and the hand-over to Jackson.
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
            "-123456789012345678",
            // trailing zeros and exponents that leave an integer, zeros with a scale or exponent
            "213.00",
            "2.13E+2",
            "21300E-2",
            "-0E+5",
            "0E-7",
            "0.000",
            // the extremes of DynamoDB and of each target type
            "9.9999999999999999999999999999999999999E+125",
            "-9.9999999999999999999999999999999999999E+125",
            "-1E-130",
            "3.4028235E38",
            "3.5E38",
            "1.17549435E-38",
            "1.4E-45",
            "1E-46",
            "-1E-46",
            "1.7976931348623157E+125",
            "-2147483648",
            "-9223372036854775808",
            "2147483647.000",
            "9223372036854775807.0");

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

    private static final String DIRECT = "direct";
    private static final String THROUGH_JACKSON = "through Jackson";

    @Test
    void decodedImagesReadAsJacksonReadsThem() {
        List<String> paths = new ArrayList<>();
        Theories.qt(600).forAll(orders()).checkAssert(image -> {
            JacksonItemMapper standard = JacksonItemMapper.standard();
            Outcome expected = outcome(() -> reference.readerFor(Order.class).read(image));
            Outcome actual = outcome(() -> standard.readerFor(Order.class).read(image));

            actual.assertSameAs(expected);
            paths.add(path(standard));
        });
        assertBothPathsTaken(paths);
    }

    @Test
    void rawImagesReadAsJacksonReadsThem() {
        List<String> paths = new ArrayList<>();
        Theories.qt(600).forAll(orders(), malformation()).checkAssert((image, malformation) -> {
            byte[] bytes = dynamoJson(image, malformation);
            Supplier<Map<String, AttributeValue>> decoded = () -> {
                if (!malformation.isEmpty()) {
                    throw new IllegalStateException("malformed attribute");
                }
                return image;
            };
            RawImage raw = new RawImage(json, bytes, 0, bytes.length, 32, decoded);
            JacksonItemMapper standard = JacksonItemMapper.standard();
            Outcome expected = outcome(() -> rawReader(reference, Order.class).readRaw(raw));
            Outcome actual = outcome(() -> rawReader(standard, Order.class).readRaw(raw));

            actual.assertSameAs(expected);
            paths.add(path(standard));
        });
        assertBothPathsTaken(paths);
    }

    @Test
    void naturalImagesNeverCreateAnObjectMapper() {
        Theories.qt(200).forAll(naturalOrders()).checkAssert(image -> {
            JacksonItemMapper standard = JacksonItemMapper.standard();
            byte[] bytes = dynamoJson(image, "");
            RawImage raw = new RawImage(json, bytes, 0, bytes.length, 32, () -> image);

            Order fromMap = standard.<Order>readerFor(Order.class).read(image);
            Order fromJson = PlainReaderProperties.<Order>rawReader(standard, Order.class)
                    .readRaw(raw);

            assertThat(standard.objectMapperCreated()).isFalse();
            assertThat(fromJson)
                    .usingRecursiveComparison()
                    .withStrictTypeChecking()
                    .isEqualTo(fromMap);
            assertThat(fromMap)
                    .usingRecursiveComparison()
                    .withStrictTypeChecking()
                    .isEqualTo(reference.readerFor(Order.class).read(image));
        });
    }

    /** Which way the standard mapper read an example: directly, or by handing it to Jackson. */
    private static String path(JacksonItemMapper standard) {
        return standard.objectMapperCreated() ? THROUGH_JACKSON : DIRECT;
    }

    /**
     * The examples took both paths, and more than a tenth were read directly: otherwise the
     * property would mostly compare Jackson with itself.
     */
    private static void assertBothPathsTaken(List<String> paths) {
        assertThat(paths).as("paths the standard mapper took").contains(DIRECT, THROUGH_JACKSON);
        long direct = paths.stream().filter(DIRECT::equals).count();
        assertThat(100.0 * direct / paths.size())
                .as("percentage of %d examples read directly", paths.size())
                .isGreaterThan(10.0);
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

    private Gen<Map<String, AttributeValue>> orders() {
        return oneOf(List.of(image(Mode.NATURAL), image(Mode.SPARSE), image(Mode.ANY)));
    }

    private Gen<Map<String, AttributeValue>> naturalOrders() {
        return oneOf(List.of(image(Mode.NATURAL), image(Mode.SPARSE)));
    }

    private static Gen<String> malformation() {
        return Generate.frequency(Pair.of(8, Generate.constant("")), Pair.of(2, Generate.pick(MALFORMED)));
    }

    private Gen<Map<String, AttributeValue>> image(Mode mode) {
        boolean natural = mode != Mode.ANY;
        Map<String, Gen<AttributeValue>> properties = new LinkedHashMap<>();
        properties.put("id", strings());
        properties.put("version", integers(-5_000_000_000L, 5_000_000_000L));
        properties.put("count", integers(Integer.MIN_VALUE, Integer.MAX_VALUE));
        properties.put("ratio", natural ? integers(-1000, 1000) : numbers());
        properties.put("discount", natural ? integers(-1000, 1000) : numbers());
        properties.put("total", numbers());
        properties.put("huge", natural ? integers(Long.MIN_VALUE, Long.MAX_VALUE) : numbers());
        properties.put("express", bools());
        properties.put("gift", bools());
        properties.put("status", natural ? Generate.pick(List.of("NEW", "PAID")).map(AttributeValue::s) : statuses());
        properties.put("signature", binaries());
        properties.put("notes", oneOf(List.of(list(strings()), stringSet())));
        properties.put("numbers", oneOf(List.of(list(integers(-99, 99)), numberSet(integers(-99, 99)))));
        properties.put("flags", list(natural ? Generate.constant("NEW").map(AttributeValue::s) : statuses()));
        properties.put(
                "amounts", natural ? numberSet(integers(0, 5)) : oneOf(List.of(list(numbers()), numberSet(numbers()))));
        properties.put("blobs", oneOf(List.of(list(binaries()), binarySet())));
        properties.put("byKey", map(line(mode)));
        properties.put("lines", list(line(mode)));
        properties.put("customer", customer(mode, 2));
        return object(properties, Set.of("version", "ratio", "discount", "express"), mode);
    }

    private Gen<AttributeValue> line(Mode mode) {
        boolean natural = mode != Mode.ANY;
        Map<String, Gen<AttributeValue>> properties = new LinkedHashMap<>();
        properties.put("sku", strings());
        properties.put("quantity", natural ? integers(0, 100) : integers(-3_000_000_000L, 3_000_000_000L));
        properties.put("price", numbers());
        properties.put("weight", natural ? integers(0, 100) : numbers());
        return object(properties, Set.of("quantity"), mode).map(AttributeValue.M::new);
    }

    private Gen<AttributeValue> customer(Mode mode, int depth) {
        boolean natural = mode != Mode.ANY;
        Map<String, Gen<AttributeValue>> properties = new LinkedHashMap<>();
        properties.put("name", strings());
        properties.put("age", integers(0, 120));
        properties.put("region", strings());
        properties.put("url", strings());
        properties.put("nickname", strings());
        properties.put("displayName", strings());
        properties.put("history", list(natural ? Generate.constant("PAID").map(AttributeValue::s) : statuses()));
        if (depth > 0) {
            properties.put("referrer", customer(mode, depth - 1));
        }
        return object(properties, Set.of("age"), mode).map(AttributeValue.M::new);
    }

    /**
     * An object. NATURAL: every property present with its natural value. SPARSE: primitive record
     * components natural, every other property absent, NULL or natural, and maybe an attribute the
     * type does not know. ANY: every property absent, natural, NULL or any value at all, and maybe an
     * unknown attribute. Shrinking moves towards natural values and fewer attributes.
     */
    private Gen<Map<String, AttributeValue>> object(
            Map<String, Gen<AttributeValue>> properties, Set<String> primitives, Mode mode) {
        List<Gen<Map<String, AttributeValue>>> parts = new ArrayList<>();
        Gen<Map<String, AttributeValue>> absent = Generate.constant(Map.of());
        Gen<AttributeValue> nul = Generate.constant(AttributeValue.Null.INSTANCE);
        properties.forEach((name, value) -> {
            Gen<AttributeValue> chosen = switch (mode) {
                case NATURAL -> value;
                case SPARSE ->
                    primitives.contains(name) ? value : Generate.frequency(Pair.of(4, value), Pair.of(1, nul));
                case ANY -> Generate.frequency(Pair.of(7, value), Pair.of(1, nul), Pair.of(1, anyValue(1)));
            };
            Gen<Map<String, AttributeValue>> present = chosen.map(v -> Map.of(name, v));
            parts.add(
                    mode == Mode.NATURAL || primitives.contains(name) && mode == Mode.SPARSE
                            ? present
                            : Generate.frequency(Pair.of(1, absent), Pair.of(4, present)));
        });
        if (mode != Mode.NATURAL) {
            parts.add(Generate.frequency(
                    Pair.of(1, absent), Pair.of(1, anyValue(1).map(v -> Map.of("unknownAttribute", v)))));
        }
        Gen<Map<String, AttributeValue>> merged = absent;
        for (Gen<Map<String, AttributeValue>> part : parts) {
            merged = merged.zip(part, (left, right) -> {
                Map<String, AttributeValue> both = new LinkedHashMap<>(left);
                both.putAll(right);
                return both;
            });
        }
        return merged;
    }

    private Gen<AttributeValue> anyValue(int depth) {
        List<Gen<AttributeValue>> scalars = List.of(
                strings(),
                numbers(),
                bools(),
                binaries(),
                Generate.constant(AttributeValue.Null.INSTANCE),
                stringSet(),
                numberSet(numbers()),
                binarySet(),
                statuses());
        if (depth == 0) {
            return oneOf(scalars);
        }
        List<Gen<AttributeValue>> all = new ArrayList<>(scalars);
        all.add(list(anyValue(depth - 1)));
        all.add(map(anyValue(depth - 1)));
        return oneOf(all);
    }

    /** Each generator equally likely; shrinking moves towards the first. */
    private static <T> Gen<T> oneOf(List<Gen<T>> gens) {
        return Generate.frequency(gens.stream().map(g -> Pair.of(1, g)).toList());
    }

    /** Characters Unicode defines in the Basic Multilingual Plane, lone surrogates included. */
    private static Gen<String> text(int maxLength) {
        return SourceDSL.strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, maxLength);
    }

    private static Gen<AttributeValue> strings() {
        return text(6).map(AttributeValue::s);
    }

    private static Gen<AttributeValue> statuses() {
        return Generate.pick(List.of("NEW", "PAID", "SHIPPED", "new", "0", "")).map(AttributeValue::s);
    }

    private static Gen<AttributeValue> numbers() {
        return Generate.pick(NUMBERS).map(n -> AttributeValue.n(n));
    }

    /** Whole numbers in the range; one in ten is a bound or zero, where conversions most often go wrong. */
    private static Gen<AttributeValue> integers(long min, long max) {
        return Generate.frequency(
                        Pair.of(9, longs().between(min, max)), Pair.of(1, Generate.pick(List.of(min, 0L, max))))
                .map(n -> AttributeValue.n(Long.toString(n)));
    }

    private static Gen<AttributeValue> bools() {
        return Generate.booleans().map(AttributeValue.Bool::new);
    }

    private static Gen<byte[]> bytes(int minSize, int maxSize) {
        return Generate.byteArrays(
                Generate.range(minSize, maxSize), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static Gen<AttributeValue> binaries() {
        return bytes(0, 4).map(AttributeValue.B::new);
    }

    private static Gen<AttributeValue> stringSet() {
        return lists().of(text(3))
                .ofSizeBetween(1, 3)
                .map(members -> distinct(members, Function.identity()))
                .map(AttributeValue.SS::new);
    }

    private static Gen<AttributeValue> numberSet(Gen<AttributeValue> members) {
        return lists().of(members.map(n -> ((AttributeValue.N) n).value()))
                .ofSizeBetween(1, 3)
                .map(numbers -> distinct(numbers, BigDecimal::stripTrailingZeros))
                .map(AttributeValue.NS::new);
    }

    private static Gen<AttributeValue> binarySet() {
        return lists().of(bytes(1, 3))
                .ofSizeBetween(1, 2)
                .map(members -> distinct(members, Base64.getEncoder()::encodeToString))
                .map(AttributeValue.BS::new);
    }

    /** The members with the first of each that have the same key: a set's members are distinct. */
    private static <T, K> List<T> distinct(List<T> members, Function<T, K> key) {
        Map<K, T> firsts = new LinkedHashMap<>();
        members.forEach(member -> firsts.putIfAbsent(key.apply(member), member));
        return List.copyOf(firsts.values());
    }

    private static Gen<AttributeValue> list(Gen<AttributeValue> elements) {
        return lists().of(elements).ofSizeBetween(0, 3).map(AttributeValue.L::new);
    }

    private static Gen<AttributeValue> map(Gen<AttributeValue> values) {
        return maps().of(Generate.pick(List.of("a", "b", "c")), values)
                .ofSizeBetween(0, 2)
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
