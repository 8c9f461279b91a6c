package io.github.dynastream.examples.s3ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Comma-separated values with a header line (RFC 4180): a field may be quoted ({@code "a, b"}), a
 * quote inside a quoted field is doubled ({@code "say ""hi"""}). The header names the columns, in
 * any order and any case; columns other than the required ones are ignored. A quoted field cannot
 * span lines here, so a row is always one line and its line number is exact: an unterminated quote
 * makes that row invalid instead of swallowing the rest of the file.
 */
final class CsvRowReader implements RowReader {
    private final LineReader lines;
    private final boolean keepText;
    private final int columns;
    private final int nameColumn;
    private final int dateColumn;
    private final int valueColumn;

    private CsvRowReader(LineReader lines, boolean keepText, int columns, Map<String, Integer> index) {
        this.lines = lines;
        this.keepText = keepText;
        this.columns = columns;
        this.nameColumn = index.get(RowValidator.NAME);
        this.dateColumn = index.get(RowValidator.DATE);
        this.valueColumn = index.get(RowValidator.VALUE);
    }

    /**
     * Reads the header line.
     *
     * @throws RejectedFileException if there is no header, or it lacks or repeats a required column
     */
    static CsvRowReader open(Reader in, IngestOptions options) throws IOException, RejectedFileException {
        LineReader lines = new LineReader(in, options.maxLineLength());
        LineReader.Line header = lines.next();
        if (header == null) {
            throw new RejectedFileException("the file is empty; a CSV file starts with a header line");
        }
        if (header.tooLong()) {
            throw new RejectedFileException(
                    "the header line is longer than " + options.maxLineLength() + " characters");
        }
        if (header.isBlank()) {
            throw new RejectedFileException("the first line is blank; a CSV file starts with a header line");
        }
        List<String> names = new ArrayList<>();
        String problem = split(header.text(), names);
        if (problem != null) {
            throw new RejectedFileException("the header line " + problem);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (RowValidator.REQUIRED.contains(name) && index.putIfAbsent(name, i) != null) {
                throw new RejectedFileException("the header names the column [" + name + "] twice");
            }
        }
        List<String> missing = RowValidator.REQUIRED.stream()
                .filter(column -> !index.containsKey(column))
                .toList();
        if (!missing.isEmpty()) {
            throw new RejectedFileException(
                    "the header lacks the column(s) " + missing + "; it needs " + RowValidator.REQUIRED);
        }
        return new CsvRowReader(lines, options.reportRowValues(), names.size(), index);
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
        List<String> fields = new ArrayList<>(columns);
        String problem = split(line.text(), fields);
        if (problem == null && fields.size() != columns) {
            problem = "has " + fields.size() + " field(s) but the header has " + columns;
        }
        if (problem != null) {
            return Optional.of(invalid(line, List.of(RowProblem.ofRow(problem))));
        }
        List<RowProblem> problems = new ArrayList<>(0);
        var name = RowValidator.name(fields.get(nameColumn), problems);
        var date = RowValidator.date(fields.get(dateColumn), problems);
        var value = RowValidator.value(fields.get(valueColumn), problems);
        if (!problems.isEmpty()) {
            return Optional.of(invalid(line, problems));
        }
        return Optional.of(new ParsedRow.Valid(line.number(), new Row(name, date, value)));
    }

    private ParsedRow.Invalid invalid(LineReader.Line line, List<RowProblem> problems) {
        return new ParsedRow.Invalid(line.number(), problems, keepText ? Optional.of(line.text()) : Optional.empty());
    }

    /** Splits one line into its fields; returns why it cannot, or null. */
    static String split(String line, List<String> fields) {
        StringBuilder field = new StringBuilder();
        boolean quoted = false; // the current field started with a quote
        boolean inQuotes = false; // inside that quote
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (quoted) {
                if (!Character.isWhitespace(c)) {
                    return "has text after the closing quote of field " + (fields.size() + 1);
                }
            } else if (c == '"') {
                if (!field.toString().isBlank()) {
                    return "has a quote inside unquoted field " + (fields.size() + 1)
                            + " (quote the field and double the quote)";
                }
                field.setLength(0);
                quoted = true;
                inQuotes = true;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            return "has an unterminated quoted field " + (fields.size() + 1) + " (a quoted field cannot span lines)";
        }
        fields.add(field.toString());
        return null;
    }
}
