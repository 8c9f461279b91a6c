package io.github.dynastream.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How a DynamoDB number reaches Jackson: integral values as a {@code Long} (or a {@code BigInteger}
 * when they do not fit), everything else as an exact {@code BigDecimal}. The token path, the attribute
 * path and the direct readers all classify numbers here, so they agree.
 */
final class PlainNumbers {
    private PlainNumbers() {}

    /**
     * The number an {@code N} text stands for.
     *
     * @return a {@code Long}, {@code BigInteger} or non-integral {@code BigDecimal}; null if the text
     *     is not a number
     */
    static Number parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    /**
     * {@link #parse(String)} over a parser's text buffer, without making a string: plain integers are
     * read digit by digit, decimals with {@link BigDecimal#BigDecimal(char[], int, int)}.
     */
    static Number parse(char[] text, int offset, int length) {
        if (isPlainInteger(text, offset, length)) {
            return length <= 18
                    ? (Number) parseLong(text, offset, length)
                    : integer(new BigInteger(new String(text, offset, length)));
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(text, offset, length);
        } catch (NumberFormatException e) {
            return null;
        }
        // A fraction that does not end in 0 and has no exponent is not integral: skip the check that allocates.
        char last = text[offset + length - 1];
        return decimal.scale() > 0 && last != '0' && plainDecimal(text, offset, length) ? decimal : of(decimal);
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

    /** At most 18 characters, sign included, so it fits a long. */
    private static long parseLong(char[] text, int offset, int length) {
        boolean negative = text[offset] == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < length; i++) {
            value = value * 10 + (text[offset + i] - '0');
        }
        return negative ? -value : value;
    }

    private static boolean plainDecimal(char[] text, int offset, int length) {
        for (int i = 0; i < length; i++) {
            char c = text[offset + i];
            if (c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** The number a decoded {@code N} value stands for, classified as {@link #parse} does. */
    static Number of(BigDecimal number) {
        if (number.signum() == 0) {
            return 0L;
        }
        if (number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0) {
            return integer(number.toBigIntegerExact());
        }
        return number;
    }

    private static Number integer(BigInteger integer) {
        return integer.bitLength() < 64 ? (Number) integer.longValue() : integer;
    }
}
