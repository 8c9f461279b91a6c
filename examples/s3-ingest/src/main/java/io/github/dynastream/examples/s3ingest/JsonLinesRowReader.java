package io.github.dynastream.examples.s3ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON Lines (jsonlines.org): one JSON object per line, e.g. {@code {"name":"a","date":"2026-11-30",
 * "value":21.5}}. Types are checked, not coerced: {@code name} and {@code date} are JSON strings,
 * {@code value} a JSON number, read exactly ({@code 21.50} stays {@code 21.50}). Other fields are
 * ignored; blank lines are skipped.
 */
final class JsonLinesRowReader implements RowReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final LineReader lines;
    private final boolean keepText;

    private JsonLinesRowReader(LineReader lines, boolean keepText) {
        this.lines = lines;
        this.keepText = keepText;
    }

    static JsonLinesRowReader open(Reader in, IngestOptions options) {
        return new JsonLinesRowReader(new LineReader(in, options.maxLineLength()), options.reportRowValues());
    }

    @Override
    public Optional<ParsedRow> next() throws IOException {
        LineReader.Line line = lines.next();
        while (line != null && line.isBlank()) {
            line = lines.next();
        }
        if (line == null) {
            return Optional.empty();
        }
        if (line.tooLong()) {
            return Optional.of(new ParsedRow.Invalid(
                    line.number(), List.of(RowProblem.ofRow("is longer than the line limit")), Optional.empty()));
        }
        JsonNode object;
        try {
            object = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which may be a value: only say where.
            return Optional.of(invalid(
                    line,
                    List.of(RowProblem.ofRow("is not valid JSON"
                            + (e.getLocation() == null
                                    ? ""
                                    : " (at column " + e.getLocation().getColumnNr() + ")")))));
        }
        if (!object.isObject()) {
            return Optional.of(invalid(line, List.of(RowProblem.ofRow("is not a JSON object"))));
        }
        List<RowProblem> problems = new ArrayList<>(0);
        String name = null;
        if (isStringOrAbsent(object, RowValidator.NAME, problems)) {
            name = RowValidator.name(object.path(RowValidator.NAME).textValue(), problems);
        }
        java.time.LocalDate date = null;
        if (isStringOrAbsent(object, RowValidator.DATE, problems)) {
            date = RowValidator.date(object.path(RowValidator.DATE).textValue(), problems);
        }
        BigDecimal value = null;
        JsonNode number = object.get(RowValidator.VALUE);
        if (number == null || number.isNull()) {
            problems.add(new RowProblem(RowValidator.VALUE, "is missing"));
        } else if (!number.isNumber()) {
            problems.add(new RowProblem(RowValidator.VALUE, "must be a JSON number but is " + kind(number)));
        } else {
            value = RowValidator.value(number.decimalValue(), problems);
        }
        if (!problems.isEmpty()) {
            return Optional.of(invalid(line, problems));
        }
        return Optional.of(new ParsedRow.Valid(line.number(), new Row(name, date, value)));
    }

    /**
     * Whether the field is a string, null or absent (the validator then says "is missing"); a field
     * of another type adds its problem here.
     */
    private static boolean isStringOrAbsent(JsonNode object, String field, List<RowProblem> problems) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull() || node.isTextual()) {
            return true;
        }
        problems.add(new RowProblem(field, "must be a JSON string but is " + kind(node)));
        return false;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private ParsedRow.Invalid invalid(LineReader.Line line, List<RowProblem> problems) {
        return new ParsedRow.Invalid(line.number(), problems, keepText ? Optional.of(line.text()) : Optional.empty());
    }
}
