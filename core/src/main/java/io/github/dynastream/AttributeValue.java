package io.github.dynastream;

import io.github.dynastream.internal.DynamoNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value as it appears in a stream image, kept losslessly.
 *
 * <p>Each DynamoDB type has its own record: {@link S}, {@link N} (an exact {@link BigDecimal}, never
 * rounded), {@link B} (bytes), {@link Bool}, {@link Null}, {@link M} and {@link L} (empty ones kept;
 * built in code they nest to any depth, decoded from a stream no deeper than {@link
 * StreamProcessor.Builder#maxNestingDepth(int)} allows), and the sets {@link SS}, {@link NS}, {@link BS}. Sets keep the order and
 * members the stream delivered, but compare as sets, as DynamoDB does.
 *
 * <pre>{@code
 * Map<String, AttributeValue> image = record.newImage().orElseThrow();
 * if (image.get("status") instanceof AttributeValue.S status && status.value().equals("SHIPPED")) { ... }
 * }</pre>
 *
 * <p>All implementations are immutable and thread-safe.
 */
public sealed interface AttributeValue
        permits AttributeValue.S,
                AttributeValue.N,
                AttributeValue.B,
                AttributeValue.Bool,
                AttributeValue.Null,
                AttributeValue.M,
                AttributeValue.L,
                AttributeValue.SS,
                AttributeValue.NS,
                AttributeValue.BS {

    /** The DynamoDB type descriptor of this value: {@code "S"}, {@code "N"}, {@code "M"}, ... */
    String type();

    /** Creates a string value. */
    static AttributeValue.S s(String value) {
        return new S(value);
    }

    /** Creates a number value from its exact decimal text, e.g. {@code n("12.50")}. */
    static AttributeValue.N n(String value) {
        return new N(new BigDecimal(value));
    }

    /** Creates a number value. */
    static AttributeValue.N n(BigDecimal value) {
        return new N(value);
    }

    /** A string ({@code S}). */
    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "S";
        }
    }

    /**
     * A number ({@code N}), exact: the digits and scale it was written with. Two numbers are equal
     * when they are numerically equal ({@code 1.50} equals {@code 1.5}).
     *
     * <p>The value must lie in DynamoDB's number range: zero, or a magnitude from 1E-130 to below
     * 1E+126, with at most 1,000 digits and a scale within ±1,000 (the stream readers also reject
     * more than 38 significant digits, as DynamoDB does). So arithmetic on any {@code N}, such as
     * turning it into a {@code BigInteger}, costs little whatever its exponent. A value outside that
     * range is rejected with an {@code IllegalArgumentException} whose message does not show it.
     */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            Objects.requireNonNull(value, "value");
            if (value.precision() > DynamoNumbers.MAX_LENGTH
                    || Math.abs((long) value.scale()) > DynamoNumbers.MAX_LENGTH + DynamoNumbers.MAX_ZERO_EXPONENT
                    || (value.signum() != 0 && outsideRange(value.precision() - (long) value.scale() - 1))) {
                throw new IllegalArgumentException("N is outside DynamoDB's number range (zero, or a magnitude of 1E"
                        + DynamoNumbers.MIN_EXPONENT + " to 1E+" + (DynamoNumbers.MAX_EXPONENT + 1) + "), with "
                        + value.precision() + " digits and scale " + value.scale());
            }
        }

        private static boolean outsideRange(long magnitude) {
            return magnitude > DynamoNumbers.MAX_EXPONENT || magnitude < DynamoNumbers.MIN_EXPONENT;
        }

        @Override
        public String type() {
            return "N";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof N other && value.compareTo(other.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return "N[" + value.toPlainString() + "]";
        }
    }

    /** A binary value ({@code B}). The array is copied in and out. */
    record B(byte[] value) implements AttributeValue {
        public B {
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String type() {
            return "B";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "B[" + value.length + " bytes]";
        }
    }

    /** A boolean ({@code BOOL}). */
    record Bool(boolean value) implements AttributeValue {
        @Override
        public String type() {
            return "BOOL";
        }
    }

    /** An explicit null ({@code NULL: true}), which is not the same as an absent attribute. */
    record Null() implements AttributeValue {
        /** The one null value. */
        public static final Null INSTANCE = new Null();

        @Override
        public String type() {
            return "NULL";
        }
    }

    /**
     * A map ({@code M}); keeps the attribute order of the stream. Equal to another with the same
     * members in any order. {@code equals}, {@code hashCode} and {@code toString} do not recurse, so
     * they work at any depth.
     */
    record M(Map<String, AttributeValue> value) implements AttributeValue {
        public M {
            value = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(value, "value")));
        }

        @Override
        public String type() {
            return "M";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof M other && NestedValues.equal(this, other);
        }

        @Override
        public int hashCode() {
            return NestedValues.hash(this);
        }

        @Override
        public String toString() {
            return NestedValues.text(this);
        }
    }

    /**
     * A list ({@code L}). {@code equals}, {@code hashCode} and {@code toString} do not recurse, so
     * they work at any depth.
     */
    record L(List<AttributeValue> value) implements AttributeValue {
        public L {
            value = List.copyOf(Objects.requireNonNull(value, "value"));
        }

        @Override
        public String type() {
            return "L";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof L other && NestedValues.equal(this, other);
        }

        @Override
        public int hashCode() {
            return NestedValues.hash(this);
        }

        @Override
        public String toString() {
            return NestedValues.text(this);
        }
    }

    /** A string set ({@code SS}); equal to another with the same members in any order. */
    record SS(List<String> value) implements AttributeValue {
        public SS {
            value = List.copyOf(Objects.requireNonNull(value, "value"));
        }

        @Override
        public String type() {
            return "SS";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SS other && sameMembers(value, other.value);
        }

        @Override
        public int hashCode() {
            return memberHash(value);
        }
    }

    /** A number set ({@code NS}); members compare numerically and in any order. */
    record NS(List<BigDecimal> value) implements AttributeValue {
        public NS {
            value = List.copyOf(Objects.requireNonNull(value, "value"));
        }

        @Override
        public String type() {
            return "NS";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NS other && sameMembers(wrap(value), wrap(other.value));
        }

        @Override
        public int hashCode() {
            return memberHash(wrap(value));
        }

        private static List<N> wrap(List<BigDecimal> numbers) {
            return numbers.stream().map(N::new).toList();
        }
    }

    /** A binary set ({@code BS}); members compare by content and in any order. */
    record BS(List<byte[]> value) implements AttributeValue {
        public BS {
            List<byte[]> copies =
                    new ArrayList<>(Objects.requireNonNull(value, "value").size());
            for (byte[] member : value) {
                copies.add(Objects.requireNonNull(member, "member").clone());
            }
            value = Collections.unmodifiableList(copies);
        }

        /** The members, each a fresh copy. */
        @Override
        public List<byte[]> value() {
            return value.stream().map(byte[]::clone).toList();
        }

        @Override
        public String type() {
            return "BS";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BS other && sameMembers(wrap(value), wrap(other.value));
        }

        @Override
        public int hashCode() {
            return memberHash(wrap(value));
        }

        @Override
        public String toString() {
            return "BS[" + value.size() + " members]";
        }

        private static List<B> wrap(List<byte[]> members) {
            return members.stream().map(B::new).toList();
        }
    }

    private static <T> boolean sameMembers(List<T> a, List<T> b) {
        return counts(a).equals(counts(b));
    }

    private static <T> Map<T, Integer> counts(List<T> members) {
        Map<T, Integer> counts = new HashMap<>();
        for (T member : members) {
            counts.merge(member, 1, Integer::sum);
        }
        return counts;
    }

    private static <T> int memberHash(List<T> members) {
        int hash = 0;
        for (T member : members) {
            hash += member.hashCode();
        }
        return hash;
    }
}
