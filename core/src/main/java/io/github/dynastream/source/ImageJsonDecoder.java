package io.github.dynastream.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.MalformedAttributeException;
import io.github.dynastream.internal.DynamoNumbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decodes one image (DynamoDB JSON: {@code {"name": {"S": "x"}, ...}}) from a slice of the event's
 * bytes, on first access. Errors name the attribute path, never its value.
 *
 * <p>Maps and lists nested deeper than the limit fail the record; the limit is checked before each
 * value is entered, so the recursion here never goes deeper than the limit, whatever the JSON holds.
 */
final class ImageJsonDecoder implements Supplier<Map<String, AttributeValue>> {
    private final JsonFactory factory;
    private final byte[] source;
    private final int offset;
    private final int length;
    private final String eventId;
    private final String sequenceNumber;
    private final String imageName;
    private final int maxNestingDepth;

    /**
     * @param maxNestingDepth the deepest attribute level allowed, a top-level attribute being level 1
     */
    ImageJsonDecoder(
            JsonFactory factory,
            byte[] source,
            int offset,
            int length,
            String eventId,
            String sequenceNumber,
            String imageName,
            int maxNestingDepth) {
        this.factory = factory;
        this.source = source;
        this.offset = offset;
        this.length = length;
        this.eventId = eventId;
        this.sequenceNumber = sequenceNumber;
        this.imageName = imageName;
        this.maxNestingDepth = maxNestingDepth;
    }

    @Override
    public Map<String, AttributeValue> get() {
        return decode();
    }

    Map<String, AttributeValue> decode() {
        try (JsonParser parser = factory.createParser(source, offset, length)) {
            parser.nextToken();
            return readMap(parser, imageName, 1);
        } catch (JsonProcessingException e) {
            // An image nobody read while the event was parsed was skipped by a bracket scan, not
            // checked token by token, so its JSON can still be invalid here.
            throw new MalformedAttributeException(
                    eventId,
                    sequenceNumber,
                    imageName,
                    "unreadable JSON: " + JsonErrors.problem(e) + " at " + JsonErrors.where(e.getLocation())
                            + " of the image");
        } catch (IOException e) {
            throw new MalformedAttributeException(eventId, sequenceNumber, imageName, "unreadable JSON: " + e);
        }
    }

    /** The attributes of an image or an {@code M}; {@code level} is that of its members. */
    private Map<String, AttributeValue> readMap(JsonParser p, String path, int level) throws IOException {
        expect(p, JsonToken.START_OBJECT, path, "a map of attributes");
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            attributes.put(name, readValue(p, path + "." + name, level));
        }
        return Collections.unmodifiableMap(attributes);
    }

    private AttributeValue readValue(JsonParser p, String path, int level) throws IOException {
        if (level > maxNestingDepth) {
            throw MalformedAttributeException.tooDeep(eventId, sequenceNumber, path, maxNestingDepth);
        }
        expect(p, JsonToken.START_OBJECT, path, "an attribute value object such as {\"S\": ...}");
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw malformed(path, "the attribute value object is empty; expected one type key (S, N, B, ...)");
        }
        String type = p.currentName();
        p.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> new AttributeValue.S(text(p, path, type));
            case "N" -> new AttributeValue.N(number(p, path, type));
            case "B" -> new AttributeValue.B(binary(p, path, type));
            case "BOOL" -> new AttributeValue.Bool(bool(p, path, type));
            case "NULL" -> {
                if (!bool(p, path, type)) {
                    throw malformed(path, "NULL must be true");
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "M" -> new AttributeValue.M(readMap(p, path, level + 1));
            case "L" -> new AttributeValue.L(readList(p, path, level + 1));
            case "SS" -> new AttributeValue.SS(readMembers(p, path, type, this::text));
            case "NS" -> new AttributeValue.NS(readMembers(p, path, type, this::number));
            case "BS" -> new AttributeValue.BS(readMembers(p, path, type, this::binary));
            default ->
                throw malformed(
                        path,
                        "unknown type descriptor \"" + type + "\"; expected S, N, B, BOOL, NULL, M, L, SS, NS or BS");
        };
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw malformed(
                    path,
                    "more than one type key in one attribute value (\"" + type + "\" and \"" + p.currentName() + "\")");
        }
        return value;
    }

    /** The elements of an {@code L}; {@code level} is theirs. */
    private List<AttributeValue> readList(JsonParser p, String path, int level) throws IOException {
        expect(p, JsonToken.START_ARRAY, path, "an L array");
        List<AttributeValue> elements = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            elements.add(readValue(p, path + "[" + elements.size() + "]", level));
        }
        return elements;
    }

    private interface MemberReader<T> {
        T read(JsonParser p, String path, String type) throws IOException;
    }

    private <T> List<T> readMembers(JsonParser p, String path, String type, MemberReader<T> reader) throws IOException {
        expect(p, JsonToken.START_ARRAY, path, "an " + type + " array");
        List<T> members = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            members.add(reader.read(p, path + "[" + members.size() + "]", type));
        }
        return members;
    }

    private String text(JsonParser p, String path, String type) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(path, type + " must be a JSON string but was " + p.currentToken());
        }
        return p.getText();
    }

    private BigDecimal number(JsonParser p, String path, String type) throws IOException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_STRING
                && token != JsonToken.VALUE_NUMBER_INT
                && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw malformed(path, type + " must be a number in a JSON string but was " + token);
        }
        String problem = DynamoNumbers.problem(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (problem != null) {
            throw malformed(path, type + " " + problem);
        }
        return new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private byte[] binary(JsonParser p, String path, String type) throws IOException {
        String encoded = text(p, path, type);
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed(path, type + " is not valid base64");
        }
    }

    private boolean bool(JsonParser p, String path, String type) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw malformed(path, type + " must be a JSON boolean but was " + token);
    }

    private void expect(JsonParser p, JsonToken expected, String path, String what) {
        if (p.currentToken() != expected) {
            throw malformed(path, "expected " + what + " but found " + p.currentToken());
        }
    }

    private MalformedAttributeException malformed(String path, String reason) {
        return new MalformedAttributeException(eventId, sequenceNumber, path, reason);
    }
}
