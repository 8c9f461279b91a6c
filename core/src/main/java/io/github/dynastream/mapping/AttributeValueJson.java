package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.dynastream.AttributeValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Attribute values in DynamoDB JSON, the typed form stream events and exports use ({@code {"id":
 * {"S": "o-1"}, "total": {"N": "12.50"}}}): numbers as their exact text, binary as base64, set
 * members in their order. For archiving images, logging them on purpose, or writing events.
 *
 * <pre>{@code
 * String json = AttributeValueJson.toJson(record.oldImage().orElseThrow());   // {"id":{"S":"o-1"},...}
 * AttributeValue total = AttributeValueJson.fromJson("{\"N\":\"12.50\"}");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class AttributeValueJson {
    /** Two JSON levels per attribute level, for DynamoDB's 32 and the processor's maximum of 100. */
    private static final int MAX_JSON_DEPTH = 2 * 100 + 2;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_DEPTH)
                    .build())
            .build();

    private AttributeValueJson() {}

    /** An item (or image) as DynamoDB JSON. */
    public static String toJson(Map<String, AttributeValue> item) {
        Objects.requireNonNull(item, "item");
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            writeItem(out, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** One attribute value as DynamoDB JSON, e.g. <code>{"N":"12.50"}</code>. */
    public static String toJson(AttributeValue value) {
        Objects.requireNonNull(value, "value");
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes an item as a JSON object of typed values. */
    public static void writeItem(JsonGenerator out, Map<String, AttributeValue> item) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            out.writeFieldName(attribute.getKey());
            writeValue(out, attribute.getValue());
        }
        out.writeEndObject();
    }

    /** Writes one typed value, e.g. <code>{"SS":["a","b"]}</code>. */
    public static void writeValue(JsonGenerator out, AttributeValue value) throws IOException {
        out.writeStartObject();
        out.writeFieldName(value.type());
        if (value instanceof AttributeValue.S s) {
            out.writeString(s.value());
        } else if (value instanceof AttributeValue.N n) {
            out.writeString(n.value().toString());
        } else if (value instanceof AttributeValue.B b) {
            out.writeString(Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof AttributeValue.Bool bool) {
            out.writeBoolean(bool.value());
        } else if (value instanceof AttributeValue.Null) {
            out.writeBoolean(true);
        } else if (value instanceof AttributeValue.M m) {
            writeItem(out, m.value());
        } else if (value instanceof AttributeValue.L l) {
            out.writeStartArray();
            for (AttributeValue element : l.value()) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.SS ss) {
            out.writeStartArray();
            for (String member : ss.value()) {
                out.writeString(member);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.NS ns) {
            out.writeStartArray();
            for (BigDecimal member : ns.value()) {
                out.writeString(member.toString());
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            out.writeStartArray();
            for (byte[] member : bs.value()) {
                out.writeString(Base64.getEncoder().encodeToString(member));
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    /**
     * Reads one attribute value from its DynamoDB JSON, e.g. <code>{"N":"12.50"}</code>.
     *
     * @throws IOException if the text is not one typed value (no content is quoted in the message)
     */
    public static AttributeValue fromJson(String json) throws IOException {
        Objects.requireNonNull(json, "json");
        try (JsonParser in = JSON.createParser(json)) {
            in.nextToken();
            AttributeValue value = read(in);
            if (in.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return value;
        }
    }

    /** Reads the value whose START_OBJECT is the current token, leaving its END_OBJECT current. */
    private static AttributeValue read(JsonParser in) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME) {
            throw new IOException("not a typed value");
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> new AttributeValue.S(text(in, token));
            case "N" -> new AttributeValue.N(new BigDecimal(text(in, token)));
            case "B" -> new AttributeValue.B(Base64.getDecoder().decode(text(in, token)));
            case "BOOL" -> new AttributeValue.Bool(in.getBooleanValue());
            case "NULL" -> AttributeValue.Null.INSTANCE;
            case "M" -> {
                expect(token, JsonToken.START_OBJECT);
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    in.nextToken();
                    members.put(name, read(in));
                }
                yield new AttributeValue.M(members);
            }
            case "L" -> {
                expect(token, JsonToken.START_ARRAY);
                List<AttributeValue> members = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    members.add(read(in));
                }
                yield new AttributeValue.L(members);
            }
            case "SS", "NS", "BS" -> {
                expect(token, JsonToken.START_ARRAY);
                List<String> members = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    members.add(text(in, in.currentToken()));
                }
                yield switch (type) {
                    case "SS" -> new AttributeValue.SS(members);
                    case "NS" ->
                        new AttributeValue.NS(
                                members.stream().map(BigDecimal::new).toList());
                    default ->
                        new AttributeValue.BS(members.stream()
                                .map(Base64.getDecoder()::decode)
                                .toList());
                };
            }
            default -> throw new IOException("unknown type");
        };
        if (in.nextToken() != JsonToken.END_OBJECT) {
            throw new IOException("more than one type");
        }
        return value;
    }

    private static String text(JsonParser in, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + " but was " + token);
        }
    }
}
