package io.github.dynastream.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors as our messages tell them: without the input text Jackson quotes (a token,
 * a character, a number), which may be part of an attribute value, and with the position as line and
 * column.
 */
final class JsonErrors {
    private static final String UNRECOGNIZED_TOKEN = "Unrecognized token";
    private static final Pattern QUOTED_CHARACTER_IN_PARENTHESES =
            Pattern.compile("\\('(?s:.{1,2})' \\(code ([0-9]+)\\)\\)");
    private static final Pattern QUOTED_CHARACTER = Pattern.compile("'(?s:.{1,2})' \\(code ([0-9]+)\\)");
    private static final Pattern QUOTED_NUMBER = Pattern.compile("Numeric value \\([^)]*\\)");

    private JsonErrors() {}

    /** What Jackson says is wrong, minus the input it quotes. */
    static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int token = message.indexOf(UNRECOGNIZED_TOKEN + " '");
        if (token >= 0) {
            int end = message.lastIndexOf("': was expecting");
            message = message.substring(0, token + UNRECOGNIZED_TOKEN.length())
                    + (end > token ? message.substring(end + 1) : "");
        }
        message = QUOTED_CHARACTER_IN_PARENTHESES.matcher(message).replaceAll("(code $1)");
        message = QUOTED_CHARACTER.matcher(message).replaceAll("(code $1)");
        return QUOTED_NUMBER.matcher(message).replaceAll("Numeric value");
    }

    /** A position as our messages give it: {@code line 3, column 17}. */
    static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
