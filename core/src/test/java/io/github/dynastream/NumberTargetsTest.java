package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an {@code N} becomes in each kind of target, on every path an image takes: read directly while
 * the event is parsed, read directly from decoded attributes ({@code process(DynamodbEvent)}), and
 * read by Jackson (a type with Jackson annotations) from the raw event and from decoded attributes.
 * Exact where the target can hold the value, a failed record naming the attribute and the target type
 * where it cannot; never rounded, truncated, wrapped, infinite or silently zero.
 */
class NumberTargetsTest {
    private static final String MAX = "9.9999999999999999999999999999999999999E+125";
    private static final String SECRET_DIGITS = "4242";

    record PlainInt(int v) {}

    record PlainLong(Long v) {}

    record PlainDouble(double v) {}

    record PlainFloat(float v) {}

    record PlainDecimal(BigDecimal v) {}

    record PlainInteger(BigInteger v) {}

    record PlainInstant(Instant v) {}

    record JacksonInt(@JsonProperty("v") int v) {}

    record JacksonLong(@JsonProperty("v") Long v) {}

    record JacksonDouble(@JsonProperty("v") double v) {}

    record JacksonFloat(@JsonProperty("v") float v) {}

    record JacksonDecimal(@JsonProperty("v") BigDecimal v) {}

    record JacksonInteger(@JsonProperty("v") BigInteger v) {}

    /** One target: the handler object that maps NewImage into it, and how to get the value back. */
    record Target(String name, String javaType, Function<List<Object>, Object> handler) {}

    static List<Target> targets(String kind) {
        List<Target> all = new ArrayList<>();
        all.add(new Target("int", "int", sink -> new Object() {
            @OnInsert
            void on(PlainInt p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Long", "java.lang.Long", sink -> new Object() {
            @OnInsert
            void on(PlainLong p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("double", "double", sink -> new Object() {
            @OnInsert
            void on(PlainDouble p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("float", "float", sink -> new Object() {
            @OnInsert
            void on(PlainFloat p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("BigDecimal", "java.math.BigDecimal", sink -> new Object() {
            @OnInsert
            void on(PlainDecimal p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("BigInteger", "java.math.BigInteger", sink -> new Object() {
            @OnInsert
            void on(PlainInteger p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Instant", "java.time.Instant", sink -> new Object() {
            @OnInsert
            void on(PlainInstant p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Jackson int", "int", sink -> new Object() {
            @OnInsert
            void on(JacksonInt p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Jackson Long", "java.lang.Long", sink -> new Object() {
            @OnInsert
            void on(JacksonLong p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Jackson double", "double", sink -> new Object() {
            @OnInsert
            void on(JacksonDouble p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Jackson float", "float", sink -> new Object() {
            @OnInsert
            void on(JacksonFloat p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Jackson BigDecimal", "java.math.BigDecimal", sink -> new Object() {
            @OnInsert
            void on(JacksonDecimal p) {
                sink.add(p.v());
            }
        }));
        all.add(new Target("Jackson BigInteger", "java.math.BigInteger", sink -> new Object() {
            @OnInsert
            void on(JacksonInteger p) {
                sink.add(p.v());
            }
        }));
        return all.stream().filter(t -> t.name().endsWith(kind)).toList();
    }

    /** The value a target gets, or what failed: the exception type and words its message must hold. */
    sealed interface Expected {}

    record Value(Object value) implements Expected {}

    record Fails(Class<? extends RecordException> type, String words) implements Expected {}

    static Value value(Object value) {
        return new Value(value);
    }

    static Fails targetFails(String words) {
        return new Fails(ItemMappingException.class, words);
    }

    static Fails malformed(String words) {
        return new Fails(MalformedAttributeException.class, words);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // text, target kind, expected
        add(cases, "213.00", "int", value(213));
        add(cases, "213.00", "Long", value(213L));
        add(cases, "213.00", "double", value(213.0));
        add(cases, "213.00", "float", value(213.0f));
        add(cases, "213.00", "BigDecimal", value(new BigDecimal("213.00")));
        add(cases, "213.00", "BigInteger", value(BigInteger.valueOf(213)));
        add(cases, "98.50", "BigDecimal", value(new BigDecimal("98.50")));
        add(cases, "98.50", "int", targetFails("int"));
        add(cases, "98.50", "Long", targetFails("Long"));
        add(cases, "98.50", "BigInteger", targetFails("BigInteger"));
        add(cases, "1E+3", "BigDecimal", value(new BigDecimal("1E+3")));
        add(cases, "1E+3", "int", value(1000));
        add(cases, "2147483647", "int", value(Integer.MAX_VALUE));
        add(cases, "2147483648", "int", targetFails("int"));
        add(cases, "-2147483649", "int", targetFails("int"));
        add(cases, "9223372036854775807", "Long", value(Long.MAX_VALUE));
        // Jackson names the primitive when a boxed Long overflows.
        add(cases, "9223372036854775808", "Long", targetFails("long"));
        add(cases, "9223372036854775808", "BigInteger", value(new BigInteger("9223372036854775808")));
        add(
                cases,
                "12345678901234567890123456789012345678",
                "BigDecimal",
                value(new BigDecimal("12345678901234567890123456789012345678")));
        add(cases, MAX, "BigDecimal", value(new BigDecimal(MAX)));
        add(cases, MAX, "double", value(new BigDecimal(MAX).doubleValue()));
        add(cases, MAX, "float", targetFails("float"));
        add(cases, MAX, "int", targetFails("int"));
        add(cases, "1E-130", "BigDecimal", value(new BigDecimal("1E-130")));
        add(cases, "1E-130", "double", value(1e-130));
        add(cases, "1E-130", "float", targetFails("float"));
        add(cases, "3.5E+38", "float", targetFails("float"));
        add(cases, "1E-46", "float", targetFails("float"));
        add(cases, "0", "float", value(0.0f));
        add(cases, "213.00", "Instant", value(Instant.ofEpochSecond(213)));
        add(cases, "1767225600.25", "Instant", value(Instant.parse("2026-01-01T00:00:00.25Z")));
        add(cases, MAX, "Instant", targetFails("Instant"));
        add(cases, "1E-130", "Instant", targetFails("Instant"));
        add(cases, "-1E-20", "Instant", targetFails("Instant"));
        for (String kind : List.of("int", "Long", "double", "float", "BigDecimal", "BigInteger", "Instant")) {
            add(cases, "1e99999999", kind, malformed("outside DynamoDB's number range"));
            add(cases, "1e9999999", kind, malformed("outside DynamoDB's number range"));
            add(cases, "1e999999999", kind, malformed("outside DynamoDB's number range"));
            add(cases, "-1e-999999999", kind, malformed("outside DynamoDB's number range"));
            add(cases, SECRET_DIGITS.repeat(250), kind, malformed("1000 significant digits"));
            add(cases, "9".repeat(39), kind, malformed("39 significant digits"));
            add(cases, SECRET_DIGITS + "x", kind, malformed("is not a decimal number"));
        }
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String text, String kind, Expected expected) {
        for (Target target : targets(kind)) {
            for (String entry : List.of("process(InputStream)", "process(DynamodbEvent)")) {
                cases.add(Arguments.of(
                        text.length() > 40 ? text.substring(0, 20) + "..." : text, target, entry, text, expected));
            }
        }
    }

    @ParameterizedTest(name = "{0} into {1} via {2}")
    @MethodSource("cases")
    @Timeout(20)
    void numbersReachTheirTargetExactlyOrFailTheRecord(
            String label, Target target, String entry, String text, Expected expected) {
        List<Object> values = new ArrayList<>();
        List<RecordOutcome> outcomes = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(target.handler().apply(values))
                .listener(ProcessingListener.onRecords(outcomes::add))
                .logBatchSummary(false)
                .build();
        byte[] event = TestEvents.json(TestEvents.insert("o-1", 1, "{\"v\":{\"N\":\"" + text + "\"}}"))
                .getBytes(StandardCharsets.UTF_8);

        StreamsEventResponse response = entry.equals("process(InputStream)")
                ? processor.process(new java.io.ByteArrayInputStream(event))
                : processor.process(Fixtures.viaRuntimeSerializer(event));

        assertThat(outcomes).hasSize(1);
        if (expected instanceof Value v) {
            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(values).hasSize(1);
            assertThat(values.get(0)).isEqualTo(v.value());
            if (v.value() instanceof BigDecimal decimal) {
                assertThat((BigDecimal) values.get(0)).hasScaleOf(decimal.scale());
            }
        } else {
            Fails fails = (Fails) expected;
            assertThat(values).isEmpty();
            assertThat(response.getBatchItemFailures())
                    .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly(TestEvents.sequenceNumber(1));
            Throwable cause = outcomes.get(0).cause();
            assertThat(cause).isInstanceOf(fails.type()).hasMessageContaining(fails.words());
            assertThat(cause.getMessage()).contains("NewImage.v").doesNotContain(SECRET_DIGITS);
            RecordException failure = (RecordException) cause;
            assertThat(failure.eventId()).isEqualTo("e-1");
            assertThat(failure.sequenceNumber()).isEqualTo(TestEvents.sequenceNumber(1));
            if (failure instanceof ItemMappingException mapping) {
                assertThat(mapping.targetType()).isIn(target.javaType(), fails.words());
            }
        }
    }
}
