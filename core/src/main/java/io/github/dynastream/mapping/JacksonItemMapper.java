package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ItemMappingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Jackson {@link ItemMapper}: an image becomes the JSON document DynamoDB's console shows ({@code
 * S} a string, {@code N} an exact number, {@code B} binary, {@code M} an object, {@code L} and sets
 * arrays, {@code NULL} null), read by an {@link ObjectReader} prepared once per type.
 *
 * <p>So records, POJOs, nested beans, collections, {@code BigDecimal}, {@code BigInteger}, primitives,
 * {@code Instant} (ISO-8601 string or epoch seconds), enums, {@code byte[]} and {@code ByteBuffer}
 * all map as Jackson maps them. Thread-safe.
 */
public final class JacksonItemMapper implements ItemMapper {
    private final ObjectMapper objectMapper;

    private JacksonItemMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** A mapper over the given {@link ObjectMapper}. */
    public static JacksonItemMapper of(ObjectMapper objectMapper) {
        return new JacksonItemMapper(Objects.requireNonNull(objectMapper, "objectMapper"));
    }

    /**
     * A new {@link ObjectMapper} configured as dynastream's default: {@code java.time} support,
     * attributes without a matching property ignored (items often carry more than a reader needs),
     * fractions kept as {@code BigDecimal} in untyped targets, and {@code NULL} into a primitive
     * field an error rather than a silent zero. Start from it to customise.
     */
    public static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }

    @Override
    public <T> ItemReader<T> readerFor(Type itemType) {
        Objects.requireNonNull(itemType, "itemType");
        JavaType javaType = objectMapper.constructType(itemType);
        ObjectReader reader = objectMapper.readerFor(javaType).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        return new Reader<>(reader, javaType);
    }

    private static final class Reader<T> implements ItemReader<T> {
        private final ObjectReader reader;
        private final JavaType type;

        Reader(ObjectReader reader, JavaType type) {
            this.reader = reader;
            this.type = type;
        }

        @Override
        public T read(Map<String, AttributeValue> image) {
            TokenBuffer tokens = new TokenBuffer(reader, false);
            try {
                writeItem(tokens, image);
                try (JsonParser parser = tokens.asParser(reader)) {
                    T item = reader.readValue(parser);
                    if (item == null) {
                        throw new ItemMappingException("", type.toCanonical(), "the mapper returned null");
                    }
                    return item;
                }
            } catch (JsonMappingException e) {
                throw translate(e, image);
            } catch (IOException e) {
                throw new UncheckedIOException("in-memory token buffer failed", e);
            }
        }

        private ItemMappingException translate(JsonMappingException e, Map<String, AttributeValue> image) {
            String attribute = path(e.getPath());
            String dynamoType = typeAt(image, e.getPath());
            String target = type.toCanonical();
            String reason;
            if (e instanceof UnrecognizedPropertyException) {
                reason = "the target type has no property for this attribute (FAIL_ON_UNKNOWN_PROPERTIES is on)";
            } else if (e instanceof InvalidFormatException ife) {
                target = typeName(ife.getTargetType(), target);
                reason = "the " + dynamoType + " value is not a valid " + target;
            } else if (e instanceof MismatchedInputException mie) {
                target = typeName(mie.getTargetType(), target);
                reason = "a DynamoDB " + dynamoType + " value cannot be read as " + target;
            } else if (e instanceof ValueInstantiationException vie) {
                target = vie.getType().toCanonical();
                Throwable cause = vie.getCause();
                reason = "creating the instance failed"
                        + (cause == null ? "" : " with " + cause.getClass().getName());
            } else if (e instanceof InvalidDefinitionException ide) {
                target = ide.getType() == null ? target : ide.getType().toCanonical();
                reason = "Jackson cannot deserialize this type: " + ide.getOriginalMessage();
            } else {
                reason = e.getClass().getSimpleName() + " while reading a DynamoDB " + dynamoType + " value";
            }
            return new ItemMappingException(attribute, target, reason);
        }
    }

    private static String typeName(Class<?> type, String fallback) {
        return type == null ? fallback : type.getTypeName();
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The DynamoDB type descriptor of the attribute at a mapping error's path, for the message. */
    private static String typeAt(Map<String, AttributeValue> image, List<JsonMappingException.Reference> path) {
        AttributeValue current = new AttributeValue.M(image);
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null && current instanceof AttributeValue.M m) {
                current = m.value().get(ref.getFieldName());
            } else if (ref.getIndex() >= 0
                    && current instanceof AttributeValue.L l
                    && ref.getIndex() < l.value().size()) {
                current = l.value().get(ref.getIndex());
            } else if (ref.getIndex() >= 0 && current != null && current.type().length() == 2) {
                return current.type().substring(0, 1) + " (set member)";
            } else {
                return "(unknown)";
            }
            if (current == null) {
                return "(absent)";
            }
        }
        return current.type();
    }

    static void writeItem(JsonGenerator out, Map<String, AttributeValue> image) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            out.writeFieldName(attribute.getKey());
            writeValue(out, attribute.getValue());
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, AttributeValue value) throws IOException {
        if (value instanceof AttributeValue.S s) {
            out.writeString(s.value());
        } else if (value instanceof AttributeValue.N n) {
            writeNumber(out, n.value());
        } else if (value instanceof AttributeValue.B b) {
            out.writeBinary(b.value());
        } else if (value instanceof AttributeValue.Bool bool) {
            out.writeBoolean(bool.value());
        } else if (value instanceof AttributeValue.Null) {
            out.writeNull();
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
                writeNumber(out, member);
            }
            out.writeEndArray();
        } else if (value instanceof AttributeValue.BS bs) {
            out.writeStartArray();
            for (byte[] member : bs.value()) {
                out.writeBinary(member);
            }
            out.writeEndArray();
        } else {
            throw new IllegalStateException("unknown attribute value type " + value.getClass());
        }
    }

    /** Integral numbers become integer tokens (so they fit int/long fields); others exact decimals. */
    private static void writeNumber(JsonGenerator out, BigDecimal number) throws IOException {
        if (number.signum() == 0) {
            out.writeNumber(0);
        } else if (number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0) {
            BigInteger integer = number.toBigIntegerExact();
            if (integer.bitLength() < 64) {
                out.writeNumber(integer.longValue());
            } else {
                out.writeNumber(integer);
            }
        } else {
            out.writeNumber(number);
        }
    }
}
