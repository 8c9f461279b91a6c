package io.github.dynastream.enhanced;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.internal.DynamoNumbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads an image's DynamoDB JSON straight into SDK attribute values, for TableSchema mapping of
 * events that arrive as bytes. Returns null on anything that is not well-formed DynamoDB JSON; the
 * caller then takes the decoding path, which says what is wrong and where.
 */
final class SdkJsonReader {
    private SdkJsonReader() {}

    /** Reads the image; the parser is on its START_OBJECT. */
    static Map<String, AttributeValue> readItem(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, AttributeValue> item = new HashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            AttributeValue value = readValue(in);
            if (value == null) {
                return null;
            }
            item.put(name, value);
        }
        return item;
    }

    private static AttributeValue readValue(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> token == JsonToken.VALUE_STRING ? AttributeValue.fromS(in.getText()) : null;
            case "N" -> isNumber(token) && isDynamoNumber(in) ? AttributeValue.fromN(in.getText()) : null;
            case "B" -> token == JsonToken.VALUE_STRING ? binary(in.getText()) : null;
            case "BOOL" ->
                token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE
                        ? AttributeValue.fromBool(token == JsonToken.VALUE_TRUE)
                        : null;
            case "NULL" -> token == JsonToken.VALUE_TRUE ? AttributeValue.fromNul(true) : null;
            case "M" -> {
                Map<String, AttributeValue> map = readItem(in);
                yield map == null ? null : AttributeValue.fromM(map);
            }
            case "L" -> list(in);
            case "SS", "NS", "BS" -> set(in, type);
            default -> null;
        };
        return value != null && in.nextToken() == JsonToken.END_OBJECT ? value : null;
    }

    private static AttributeValue list(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<AttributeValue> elements = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            AttributeValue element = readValue(in);
            if (element == null) {
                return null;
            }
            elements.add(element);
        }
        return AttributeValue.fromL(elements);
    }

    private static AttributeValue set(JsonParser in, String type) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> members = new ArrayList<>();
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
        return switch (type) {
            case "SS" -> AttributeValue.fromSs(members);
            case "NS" -> AttributeValue.fromNs(members);
            default -> {
                List<SdkBytes> bytes = new ArrayList<>(members.size());
                for (String member : members) {
                    AttributeValue decoded = binary(member);
                    if (decoded == null) {
                        yield null;
                    }
                    bytes.add(decoded.b());
                }
                yield AttributeValue.fromBs(bytes);
            }
        };
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

    private static AttributeValue binary(String base64) {
        try {
            return AttributeValue.fromB(
                    SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
