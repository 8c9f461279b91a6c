package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Jackson turns a number too large for a {@code float} into infinity, one too small into zero, and
 * a number beyond {@code Instant}'s range or below a nanosecond into a wrapped or zero instant, all
 * without a word. These deserializers let Jackson do the conversion and fail where it would not
 * stand for the number. (A {@code double} needs no check: every DynamoDB number fits one.)
 */
final class StrictNumbers {
    private static final BigDecimal MIN_INSTANT = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
    private static final BigDecimal MAX_INSTANT = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final BigDecimal NANOSECOND = new BigDecimal("1E-9");

    private StrictNumbers() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("dynastream-strict-numbers");
        module.addDeserializer(
                (Class) Float.class, new Checked(new NumberDeserializers.FloatDeserializer(Float.class, null), false));
        module.addDeserializer(
                (Class) float.class, new Checked(new NumberDeserializers.FloatDeserializer(Float.TYPE, 0.0f), false));
        module.addDeserializer((Class) Instant.class, new Checked(InstantDeserializer.INSTANT, true));
        return module;
    }

    /** A number that the target type cannot stand for; the reason names the type, never the value. */
    static final class OutOfTargetRange extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        private final transient Class<?> targetType;
        private final String reason;

        OutOfTargetRange(JsonParser p, Class<?> targetType, String reason) {
            super(p, reason);
            this.targetType = targetType;
            this.reason = reason;
        }

        Class<?> targetType() {
            return targetType;
        }

        String reason() {
            return reason;
        }
    }

    private static final class Checked extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        private final boolean instant;

        Checked(JsonDeserializer<?> delegate, boolean instant) {
            super(delegate);
            this.instant = instant;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate, instant);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            boolean numeric = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            BigDecimal exact = numeric ? p.getDecimalValue() : null;
            if (instant && exact != null) {
                checkInstant(p, exact);
            }
            String text = token == JsonToken.VALUE_STRING ? p.getText() : null;
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Float f) {
                checkFloat(p, f, exact, text);
            }
            return value;
        }

        private static void checkInstant(JsonParser p, BigDecimal seconds) throws OutOfTargetRange {
            if (seconds.compareTo(MIN_INSTANT) < 0 || seconds.compareTo(MAX_INSTANT) > 0) {
                throw new OutOfTargetRange(p, Instant.class, "the number is outside Instant's range of epoch seconds");
            }
            if (seconds.signum() != 0 && seconds.abs().compareTo(NANOSECOND) < 0) {
                throw new OutOfTargetRange(
                        p, Instant.class, "the number is below a nanosecond and would become the epoch itself");
            }
        }

        private static void checkFloat(JsonParser p, float value, BigDecimal exact, String text)
                throws OutOfTargetRange {
            if (Float.isInfinite(value) && (text == null || !text.toLowerCase().contains("inf"))) {
                throw new OutOfTargetRange(p, Float.TYPE, "the number is too large for a float and would be infinite");
            }
            if (value == 0 && (exact != null ? exact.signum() != 0 : nonZeroDigits(text))) {
                throw new OutOfTargetRange(p, Float.TYPE, "the number is too small for a float and would be zero");
            }
        }

        /** Whether a number's text has a non-zero digit before any exponent. */
        private static boolean nonZeroDigits(String text) {
            if (text == null) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 'e' || c == 'E') {
                    return false;
                }
                if (c >= '1' && c <= '9') {
                    return true;
                }
            }
            return false;
        }
    }
}
