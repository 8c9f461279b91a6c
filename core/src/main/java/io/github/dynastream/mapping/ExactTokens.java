package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A token buffer that can hold an integral decimal as an integer token without losing its scale:
 * {@code int} and {@code long} properties read {@code 213.00} as the integer 213 (Jackson reads a
 * decimal token into an integer only by truncating, which the mapper forbids), while {@code
 * BigDecimal} properties get {@code 213.00} itself, exactly {@code new BigDecimal("213.00")}. Read it
 * back with {@link #parser(ObjectCodec)}.
 */
final class ExactTokens extends TokenBuffer {
    ExactTokens(ObjectCodec codec) {
        super(codec, false);
    }

    /** An integer token whose number is the decimal itself, scale and all. */
    void writeIntegral(BigDecimal number) {
        _appendValue(JsonToken.VALUE_NUMBER_INT, number);
    }

    /**
     * The tokens as a parser on which such an integer token reads as the big integer it equals
     * wherever Jackson asks for an integer's type or {@code BigInteger} value (as it does when it
     * buffers a property it has not placed yet), and as the exact decimal when asked for a decimal.
     */
    JsonParser parser(ObjectCodec codec) {
        return new JsonParserDelegate(asParser(codec)) {
            @Override
            public NumberType getNumberType() throws IOException {
                return integralDecimal() ? NumberType.BIG_INTEGER : super.getNumberType();
            }

            @Override
            public BigInteger getBigIntegerValue() throws IOException {
                return integralDecimal() ? super.getDecimalValue().toBigIntegerExact() : super.getBigIntegerValue();
            }

            private boolean integralDecimal() throws IOException {
                return currentToken() == JsonToken.VALUE_NUMBER_INT && super.getNumberValue() instanceof BigDecimal;
            }
        };
    }
}
