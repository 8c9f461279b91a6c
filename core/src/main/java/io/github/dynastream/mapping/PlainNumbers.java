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
        if (isPlainInteger(text)) {
            return text.length() <= 18 ? (Number) Long.parseLong(text) : integer(new BigInteger(text));
        }
        try {
            return of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return null;
        }
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

    private static boolean isPlainInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
