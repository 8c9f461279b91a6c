package io.github.dynastream.mapping;

import io.github.dynastream.internal.DynamoNumbers;
import java.math.BigDecimal;

/**
 * How a DynamoDB number reaches the readers: a short plain integer as a {@code Long}, everything else
 * as the exact {@code BigDecimal} of its text (digits and scale, {@code 213.00} stays {@code 213.00}).
 * Texts that break DynamoDB's number rules ({@link DynamoNumbers}) are not numbers here. The token
 * path, the attribute path and the direct readers all classify numbers here, so they agree.
 */
final class PlainNumbers {
    /** Plain integers of up to 18 characters, sign included, always fit a long. */
    private static final int LONG_CHARS = 18;

    private PlainNumbers() {}

    /**
     * The number an {@code N} text stands for.
     *
     * @return a {@code Long} or an exact {@code BigDecimal}; null if the text is not a DynamoDB number
     */
    static Number parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    /** {@link #parse(String)} over a parser's text buffer, without making a string. */
    static Number parse(char[] text, int offset, int length) {
        if (length <= LONG_CHARS && isPlainInteger(text, offset, length)) {
            return parseLong(text, offset, length);
        }
        return DynamoNumbers.exact(text, offset, length);
    }

    /** The number a decoded {@code N} value stands for, classified as {@link #parse} does. */
    static Number of(BigDecimal number) {
        return number.scale() == 0 && number.precision() < LONG_CHARS ? (Number) number.longValue() : number;
    }

    /** Whether a number has no fraction: {@code 213.00} and {@code 2E+3} do, {@code 0.5} does not. */
    static boolean isIntegral(Number number) {
        if (!(number instanceof BigDecimal decimal)) {
            return true;
        }
        return decimal.scale() <= 0
                || decimal.signum() == 0
                || decimal.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isPlainInteger(char[] text, int offset, int length) {
        int start = length > 0 && text[offset] == '-' ? 1 : 0;
        if (length == start) {
            return false;
        }
        for (int i = start; i < length; i++) {
            char c = text[offset + i];
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseLong(char[] text, int offset, int length) {
        boolean negative = text[offset] == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < length; i++) {
            value = value * 10 + (text[offset + i] - '0');
        }
        return negative ? -value : value;
    }
}
