package io.github.dynastream.enhanced;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.internal.DynamoNumbers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads an image's DynamoDB JSON straight into SDK attribute values, for TableSchema mapping of
 * events that arrive as bytes. Returns null on anything that is not well-formed DynamoDB JSON; the
 * caller then takes the decoding path, which says what is wrong and where.
 */
final class SdkJsonReader {
    private final SdkValues values = new SdkValues();

    /**
     * One reader per thread, reused from image to image: its builders and scratch containers cost
     * more than many an image's values. Reading calls no code of the user's, so it never nests; the
     * scratch containers are left empty even when a read fails.
     */
    private static final ThreadLocal<SdkJsonReader> READERS = ThreadLocal.withInitial(SdkJsonReader::new);

    private SdkJsonReader() {}

    /** Reads the image; the parser is on its START_OBJECT. */
    static Map<String, AttributeValue> readItem(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        AttributeMap item = new AttributeMap(16);
        return READERS.get().fill(in, item) ? item : null;
    }

    /** Reads the attributes of the map the parser is on into the given one; false if malformed. */
    private boolean fill(JsonParser in, AttributeMap into) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            AttributeValue value = readValue(in);
            if (value == null) {
                return false;
            }
            into.add(name, value);
        }
        return true;
    }

    private AttributeValue nestedMap(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        AttributeMap scratch = values.openMap();
        boolean read;
        try {
            read = fill(in, scratch);
        } catch (IOException | RuntimeException e) {
            values.closeMap(scratch, false);
            throw e;
        }
        return values.closeMap(scratch, read);
    }

    private AttributeValue readValue(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> token == JsonToken.VALUE_STRING ? values.string(in.getText()) : null;
            case "N" -> isNumber(token) && isDynamoNumber(in) ? values.number(in.getText()) : null;
            case "B" -> token == JsonToken.VALUE_STRING ? SdkValues.binary(in.getText()) : null;
            case "BOOL" ->
                token == JsonToken.VALUE_TRUE
                        ? SdkValues.TRUE
                        : token == JsonToken.VALUE_FALSE ? SdkValues.FALSE : null;
            case "NULL" -> token == JsonToken.VALUE_TRUE ? SdkValues.NUL : null;
            case "M" -> nestedMap(in);
            case "L" -> list(in);
            case "SS", "NS", "BS" -> set(in, type);
            default -> null;
        };
        return value != null && in.nextToken() == JsonToken.END_OBJECT ? value : null;
    }

    private AttributeValue list(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<AttributeValue> elements = values.openList();
        boolean read;
        try {
            read = elements(in, elements);
        } catch (IOException | RuntimeException e) {
            values.closeList(elements, false);
            throw e;
        }
        return values.closeList(elements, read);
    }

    private boolean elements(JsonParser in, List<AttributeValue> elements) throws IOException {
        while (in.nextToken() != JsonToken.END_ARRAY) {
            AttributeValue element = readValue(in);
            if (element == null) {
                return false;
            }
            elements.add(element);
        }
        return true;
    }

    private AttributeValue set(JsonParser in, String type) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> members = values.openSet();
        JsonToken token;
        while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_STRING && !(type.equals("NS") && isNumber(token))) {
                return null;
            }
            if (type.equals("NS") && !isDynamoNumber(in)) {
                return null;
            }
            members.add(in.getText());
        }
        return values.set(type, members);
    }

    private static boolean isNumber(JsonToken token) {
        return token == JsonToken.VALUE_STRING
                || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    /** Whether the current text keeps DynamoDB's number rules; the decoding path says why not. */
    private static boolean isDynamoNumber(JsonParser in) throws IOException {
        return DynamoNumbers.problem(in.getTextCharacters(), in.getTextOffset(), in.getTextLength()) == null;
    }
}
