package io.github.dynastream.enhanced;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.internal.DynamoNumbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
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
    private static final AttributeValue TRUE = AttributeValue.fromBool(true);
    private static final AttributeValue FALSE = AttributeValue.fromBool(false);
    private static final AttributeValue NUL = AttributeValue.fromNul(true);

    // One builder per type for the whole image: a builder costs more than the value it builds (an
    // EnumSet of the types set on it, the union bookkeeping), and once it has its type, setting the
    // same member again is a field write. The values built are immutable and independent of it.
    private AttributeValue.Builder strings;
    private AttributeValue.Builder numbers;
    private AttributeValue.Builder maps;
    private AttributeValue.Builder lists;
    private AttributeValue.Builder stringSets;

    // The builders copy the maps and lists they are given, so a nested map or list is read into a
    // scratch one kept for its depth and reused for the next at that depth; only the image's own
    // map is handed on, to the schema.
    private final List<AttributeMap> mapsByDepth = new ArrayList<>();
    private final List<List<AttributeValue>> listsByDepth = new ArrayList<>();
    private List<String> setMembers;
    private int depth;

    /**
     * One reader per thread, reused from image to image: its builders and scratch containers cost
     * more than many an image's values. Reading calls no code of the user's, so it never nests; the
     * finally blocks leave it empty even when a read fails.
     */
    private static final ThreadLocal<SdkJsonReader> READERS = ThreadLocal.withInitial(SdkJsonReader::new);

    /** Scratch containers that grew past this are let go, so a huge image's leave no big array behind. */
    private static final int KEPT_CAPACITY = 256;

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
        while (mapsByDepth.size() <= depth) {
            mapsByDepth.add(new AttributeMap(8));
        }
        AttributeMap scratch = mapsByDepth.get(depth++);
        try {
            if (!fill(in, scratch)) {
                return null;
            }
            if (maps == null) {
                maps = AttributeValue.builder();
            }
            return maps.m(scratch).build();
        } finally {
            scratch.clear();
            if (scratch.capacity() > KEPT_CAPACITY) {
                mapsByDepth.set(depth - 1, new AttributeMap(8));
            }
            depth--;
        }
    }

    private AttributeValue readValue(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> token == JsonToken.VALUE_STRING ? string(in.getText()) : null;
            case "N" -> isNumber(token) && isDynamoNumber(in) ? number(in.getText()) : null;
            case "B" -> token == JsonToken.VALUE_STRING ? binary(in.getText()) : null;
            case "BOOL" -> token == JsonToken.VALUE_TRUE ? TRUE : token == JsonToken.VALUE_FALSE ? FALSE : null;
            case "NULL" -> token == JsonToken.VALUE_TRUE ? NUL : null;
            case "M" -> nestedMap(in);
            case "L" -> list(in);
            case "SS", "NS", "BS" -> set(in, type);
            default -> null;
        };
        return value != null && in.nextToken() == JsonToken.END_OBJECT ? value : null;
    }

    private AttributeValue string(String value) {
        if (strings == null) {
            strings = AttributeValue.builder();
        }
        return strings.s(value).build();
    }

    private AttributeValue number(String value) {
        if (numbers == null) {
            numbers = AttributeValue.builder();
        }
        return numbers.n(value).build();
    }

    private AttributeValue list(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        while (listsByDepth.size() <= depth) {
            listsByDepth.add(new ArrayList<>());
        }
        List<AttributeValue> elements = listsByDepth.get(depth++);
        try {
            while (in.nextToken() != JsonToken.END_ARRAY) {
                AttributeValue element = readValue(in);
                if (element == null) {
                    return null;
                }
                elements.add(element);
            }
            if (lists == null) {
                lists = AttributeValue.builder();
            }
            return lists.l(elements).build();
        } finally {
            if (elements.size() > KEPT_CAPACITY) {
                listsByDepth.set(depth - 1, new ArrayList<>());
            } else {
                elements.clear();
            }
            depth--;
        }
    }

    private AttributeValue set(JsonParser in, String type) throws IOException {
        if (in.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        if (setMembers == null || setMembers.size() > KEPT_CAPACITY) {
            setMembers = new ArrayList<>();
        }
        List<String> members = setMembers;
        members.clear();
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
            case "SS" -> {
                if (stringSets == null) {
                    stringSets = AttributeValue.builder();
                }
                yield stringSets.ss(members).build();
            }
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
