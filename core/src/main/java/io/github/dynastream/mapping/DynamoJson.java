package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;

/**
 * Copies DynamoDB JSON ({@code {"a": {"S": "x"}}}) as the plain JSON Jackson maps to beans ({@code
 * {"a": "x"}}), token by token, with the same number and binary rules as {@link JacksonItemMapper}'s
 * attribute path.
 */
final class DynamoJson {
    private DynamoJson() {}

    /**
     * Copies one image; the parser is on its START_OBJECT.
     *
     * @return false if the input is not well-formed DynamoDB JSON (the caller then takes the slow
     *     path, which says what is wrong and where)
     */
    static boolean copyItem(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            return false;
        }
        out.writeStartObject();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            out.writeFieldName(in.currentName());
            in.nextToken();
            if (!copyValue(in, out)) {
                return false;
            }
        }
        out.writeEndObject();
        return true;
    }

    private static boolean copyValue(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        boolean ok = switch (type) {
            case "S" -> token == JsonToken.VALUE_STRING && write(out, in.getText());
            case "N" -> number(in, out);
            case "B" -> binary(in, out);
            case "BOOL" -> {
                if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                    yield false;
                }
                out.writeBoolean(token == JsonToken.VALUE_TRUE);
                yield true;
            }
            case "NULL" -> {
                out.writeNull();
                yield token == JsonToken.VALUE_TRUE;
            }
            case "M" -> copyItem(in, out);
            case "L" -> array(in, out, 'L');
            case "SS" -> array(in, out, 'S');
            case "NS" -> array(in, out, 'N');
            case "BS" -> array(in, out, 'B');
            default -> false;
        };
        return ok && in.nextToken() == JsonToken.END_OBJECT;
    }

    private static boolean array(JsonParser in, JsonGenerator out, char members) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return false;
        }
        out.writeStartArray();
        JsonToken token;
        while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
            boolean ok = switch (members) {
                case 'L' -> copyValue(in, out);
                case 'S' -> token == JsonToken.VALUE_STRING && write(out, in.getText());
                case 'N' -> number(in, out);
                default -> binary(in, out);
            };
            if (!ok) {
                return false;
            }
        }
        out.writeEndArray();
        return true;
    }

    private static boolean write(JsonGenerator out, String text) throws IOException {
        out.writeString(text);
        return true;
    }

    private static boolean number(JsonParser in, JsonGenerator out) throws IOException {
        JsonToken token = in.currentToken();
        if (token != JsonToken.VALUE_STRING
                && token != JsonToken.VALUE_NUMBER_INT
                && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return false;
        }
        Number number = PlainNumbers.parse(in.getText());
        if (number == null) {
            return false;
        }
        JacksonItemMapper.writeNumber(out, number);
        return true;
    }

    private static boolean binary(JsonParser in, JsonGenerator out) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_STRING) {
            return false;
        }
        try {
            out.writeBinary(Base64.getDecoder().decode(in.getText()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
