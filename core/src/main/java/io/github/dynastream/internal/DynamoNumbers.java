package io.github.dynastream.internal;

import java.math.BigDecimal;

/**
 * DynamoDB's rules for the text of an {@code N} value, checked in one pass over the characters before
 * any {@code BigDecimal} or {@code BigInteger} arithmetic, so the cost of a hostile number is bounded
 * by its length, never by its exponent. Every reader of {@code N} (the event readers, the item
 * mappers, the SDK bridge) goes through here.
 *
 * <p>DynamoDB stores numbers of up to 38 significant digits whose magnitude is zero or between
 * 1E-130 and 9.9999999999999999999999999999999999999E+125 (<a
 * href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">data
 * types</a>). Anything else in a stream came from a producer that is not DynamoDB and is rejected:
 * text that is not a decimal number, more than {@value #MAX_LENGTH} characters, more than {@value
 * #MAX_DIGITS} significant digits (leading and trailing zeros do not count), a non-zero magnitude
 * outside that range, or a zero written with an exponent beyond {@value #MAX_ZERO_EXPONENT}.
 */
public final class DynamoNumbers {
    /** Significant digits DynamoDB keeps. */
    public static final int MAX_DIGITS = 38;
    /** The largest decimal exponent of a DynamoDB number (9.99...E+125). */
    public static final int MAX_EXPONENT = 125;
    /** The smallest decimal exponent of a non-zero DynamoDB number (1E-130). */
    public static final int MIN_EXPONENT = -130;
    /** Longer texts are rejected unread; Jackson's own limit for a JSON number is the same. */
    public static final int MAX_LENGTH = 1000;
    /** How far a zero's exponent may go; beyond it a zero only costs work. */
    public static final int MAX_ZERO_EXPONENT = 1000;

    private static final int EXPONENT_DIGITS_READ = 9;
    private static final long HUGE = 10_000_000_000L;

    private DynamoNumbers() {}

    /**
     * The exact value of an {@code N} text: {@code new BigDecimal(text)}, digits and scale.
     *
     * @return the value, or null if the text breaks DynamoDB's rules (see {@link #problem})
     */
    public static BigDecimal exact(String text) {
        return problem(text) == null ? new BigDecimal(text) : null;
    }

    /** {@link #exact(String)} over a parser's text buffer. */
    public static BigDecimal exact(char[] text, int offset, int length) {
        return problem(text, offset, length) == null ? new BigDecimal(text, offset, length) : null;
    }

    /** Why an {@code N} text breaks DynamoDB's rules, without its value; null if it does not. */
    public static String problem(String text) {
        if (text.length() > MAX_LENGTH) {
            return tooLong(text.length());
        }
        return problem(text.toCharArray(), 0, text.length());
    }

    /** {@link #problem(String)} over a parser's text buffer. */
    public static String problem(char[] text, int offset, int length) {
        if (length > MAX_LENGTH) {
            return tooLong(length);
        }
        int end = offset + length;
        int i = offset;
        if (i < end && (text[i] == '-' || text[i] == '+')) {
            i++;
        }
        int digits = 0; // mantissa digits seen
        int firstSignificant = -1; // index among mantissa digits
        int lastSignificant = -1;
        int integerDigits = -1; // mantissa digits before the point; -1 while no point was seen
        for (; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (firstSignificant < 0) {
                        firstSignificant = digits;
                    }
                    lastSignificant = digits;
                }
                digits++;
            } else if (c == '.' && integerDigits < 0) {
                integerDigits = digits;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return NOT_A_NUMBER;
        }
        if (integerDigits < 0) {
            integerDigits = digits;
        }
        long exponent = 0;
        if (i < end) {
            if (text[i] != 'e' && text[i] != 'E') {
                return NOT_A_NUMBER;
            }
            i++;
            boolean negative = false;
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                negative = text[i] == '-';
                i++;
            }
            boolean anyDigit = false;
            int valueDigits = 0;
            for (; i < end; i++) {
                char c = text[i];
                if (c < '0' || c > '9') {
                    return NOT_A_NUMBER;
                }
                anyDigit = true;
                if (exponent != 0 || c != '0') {
                    valueDigits++;
                }
                // Digits past the ninth only make a huge exponent larger: cap it, keep scanning.
                exponent = valueDigits <= EXPONENT_DIGITS_READ ? exponent * 10 + (c - '0') : HUGE;
            }
            if (!anyDigit) {
                return NOT_A_NUMBER; // "1e" or "1e-"
            }
            exponent = negative ? -exponent : exponent;
        }
        if (firstSignificant < 0) {
            return Math.abs(exponent) > MAX_ZERO_EXPONENT
                    ? "is zero written with an exponent beyond " + MAX_ZERO_EXPONENT
                    : null;
        }
        int significant = lastSignificant - firstSignificant + 1;
        if (significant > MAX_DIGITS) {
            return "has " + significant + " significant digits; DynamoDB keeps at most " + MAX_DIGITS;
        }
        // The decimal exponent of the leading digit: 1.5E3 and 1500 both have 3, 0.015 has -2.
        long magnitude = exponent + (integerDigits - firstSignificant - 1);
        if (magnitude > MAX_EXPONENT || magnitude < MIN_EXPONENT) {
            return "is outside DynamoDB's number range (a magnitude of 1E" + MIN_EXPONENT + " to 1E+"
                    + (MAX_EXPONENT + 1) + ")";
        }
        return null;
    }

    private static final String NOT_A_NUMBER = "is not a decimal number";

    private static String tooLong(int length) {
        return "is " + length + " characters long; a DynamoDB number has at most " + MAX_LENGTH;
    }
}
