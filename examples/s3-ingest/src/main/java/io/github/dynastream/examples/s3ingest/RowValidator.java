package io.github.dynastream.examples.s3ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules every format shares: {@code name} a non-blank string, {@code date} an ISO-8601
 * calendar date, {@code value} a decimal number DynamoDB can store. The reasons never quote a value.
 */
final class RowValidator {
    static final String NAME = "name";
    static final String DATE = "date";
    static final String VALUE = "value";
    static final List<String> REQUIRED = List.of(NAME, DATE, VALUE);

    /** Plain decimal notation with an optional exponent: no hex, no "NaN", no "Infinity", no spaces inside. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private static final int MAX_DIGITS = 38;
    private static final int MIN_EXPONENT = -130;
    private static final int MAX_EXPONENT = 125;

    private RowValidator() {}

    /** The name, stripped of surrounding white space, or null with a problem added. */
    static String name(String text, List<RowProblem> problems) {
        if (text == null) {
            problems.add(new RowProblem(NAME, "is missing"));
            return null;
        }
        if (text.isBlank()) {
            problems.add(new RowProblem(NAME, "is blank"));
            return null;
        }
        return text.strip();
    }

    /** The date, or null with a problem added. */
    static LocalDate date(String text, List<RowProblem> problems) {
        if (text == null) {
            problems.add(new RowProblem(DATE, "is missing"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip()); // ISO_LOCAL_DATE, strict: 2026-02-30 is not a date
        } catch (DateTimeParseException e) {
            problems.add(new RowProblem(DATE, "is not an ISO-8601 date (yyyy-MM-dd)"));
            return null;
        }
    }

    /** The value written as text (CSV), or null with a problem added. */
    static BigDecimal value(String text, List<RowProblem> problems) {
        if (text == null) {
            problems.add(new RowProblem(VALUE, "is missing"));
            return null;
        }
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            problems.add(new RowProblem(VALUE, "is blank"));
            return null;
        }
        if (stripped.length() > 1_000 || !DECIMAL.matcher(stripped).matches()) {
            problems.add(new RowProblem(VALUE, "is not a decimal number"));
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(stripped);
        } catch (NumberFormatException e) { // an exponent beyond int's range
            problems.add(new RowProblem(VALUE, outOfRange()));
            return null;
        }
        return value(value, problems);
    }

    /** The value read as a number (JSON), or null with a problem added. */
    static BigDecimal value(BigDecimal value, List<RowProblem> problems) {
        if (!fitsDynamoDb(value)) {
            problems.add(new RowProblem(VALUE, outOfRange()));
            return null;
        }
        return value;
    }

    /**
     * Whether DynamoDB stores the number exactly: at most 38 significant digits, and zero or a
     * magnitude from 1E-130 to 9.99...E+125 (the DynamoDB developer guide, "Number" data type).
     */
    static boolean fitsDynamoDb(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal significant = value.stripTrailingZeros();
        int digits = significant.precision();
        long exponent = (long) digits - significant.scale() - 1; // the power of ten of the first digit
        return digits <= MAX_DIGITS && exponent >= MIN_EXPONENT && exponent <= MAX_EXPONENT;
    }

    private static String outOfRange() {
        return "is outside DynamoDB's number range (38 significant digits, magnitude 1E-130 to 9.99E+125)";
    }
}
