package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ItemMappingException;
import io.github.dynastream.internal.Lazy;
import io.github.dynastream.source.RawImage;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Jackson {@link ItemMapper}: an image becomes the JSON document DynamoDB's console shows ({@code
 * S} a string, {@code N} an exact number, {@code B} binary, {@code M} an object, {@code L} and sets
 * arrays, {@code NULL} null), read by an {@link ObjectReader} prepared once per type.
 *
 * <p>So records, POJOs, nested beans, collections, {@code BigDecimal}, {@code BigInteger}, primitives,
 * {@code Instant} (ISO-8601 string or epoch seconds), enums, {@code byte[]} and {@code ByteBuffer}
 * all map as Jackson maps them.
 *
 * <p>{@link #writerFor(Type)} goes the other way: strings become {@code S}, numbers exact {@code N},
 * binary {@code B}, objects {@code M}, arrays {@code L}; a property declared as a {@code Set} of
 * strings (or enums, or anything Jackson writes as a string), numbers or binary becomes {@code SS},
 * {@code NS} or {@code BS}. An empty set becomes an empty {@code L}, since DynamoDB has no empty
 * sets; it reads back as an empty set. Thread-safe.
 *
 * <p>{@link #standard()} (what {@link ItemMapper#jackson()} and the processor's default use) reads
 * plain records and beans without jackson-databind: a record or bean without Jackson annotations
 * whose properties are strings, booleans, {@code int}, {@code long}, {@code double}, {@code float},
 * {@code BigDecimal}, {@code BigInteger}, {@code byte[]}, enums, lists, sets, string-keyed maps or
 * other such types is read straight from the event's DynamoDB JSON, with exactly the result Jackson
 * gives. Any other type, and any value that needs one of Jackson's coercions or is malformed, goes
 * through Jackson itself, whose {@code ObjectMapper} is only created when something needs it. This
 * keeps jackson-databind's start-up cost out of cold starts and cuts the work per record.
 *
 * <pre>{@code
 * ItemReader<Order> orders = JacksonItemMapper.standard().readerFor(Order.class);
 * Order order = orders.read(Map.of("id", AttributeValue.s("o-1"), "total", AttributeValue.n("9.50")));
 * }</pre>
 */
public final class JacksonItemMapper implements ItemMapper {
    private final Supplier<ObjectMapper> objectMapper;
    private final boolean readPlainTypesDirectly;

    private JacksonItemMapper(Supplier<ObjectMapper> objectMapper, boolean readPlainTypesDirectly) {
        this.objectMapper = objectMapper;
        this.readPlainTypesDirectly = readPlainTypesDirectly;
    }

    /**
     * A mapper over the given {@link ObjectMapper}: every item goes through it, so its modules,
     * naming strategy and features all apply.
     */
    public static JacksonItemMapper of(ObjectMapper objectMapper) {
        Objects.requireNonNull(objectMapper, "objectMapper");
        return new JacksonItemMapper(() -> objectMapper, false);
    }

    /**
     * The mapper with {@link #defaultObjectMapper()}'s behaviour that reads plain records and beans
     * without jackson-databind (see above); the {@code ObjectMapper} is created on first need.
     */
    public static JacksonItemMapper standard() {
        return new JacksonItemMapper(Lazy.of(JacksonItemMapper::defaultObjectMapper), true);
    }

    /**
     * A new {@link ObjectMapper} configured as dynastream's default: {@code java.time} support,
     * attributes without a matching property ignored (items often carry more than a reader needs),
     * fractions kept as {@code BigDecimal} in untyped targets, and {@code NULL} into a primitive
     * field an error rather than a silent zero. Start from it to customise.
     */
    public static ObjectMapper defaultObjectMapper() {
        return Defaults.objectMapper();
    }

    /**
     * The module that makes Jackson fail, instead of converting silently, where a number cannot stand
     * for itself: a {@code float} that would be infinite or a non-zero number that would become zero,
     * an {@code Instant} beyond its range or below a nanosecond. {@link #defaultObjectMapper()} has
     * it; add it to an {@code ObjectMapper} of your own to get the same checks.
     *
     * <pre>{@code
     * ObjectMapper mine = JsonMapper.builder()
     *         .addModule(new JavaTimeModule())
     *         .addModule(JacksonItemMapper.strictNumbersModule())   // after JavaTimeModule
     *         .build();
     * }</pre>
     */
    public static Module strictNumbersModule() {
        return StrictNumbers.module();
    }

    /** Kept apart so that loading the mapper does not load jackson-databind's builder and modules. */
    private static final class Defaults {
        static ObjectMapper objectMapper() {
            return JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .addModule(StrictNumbers.module())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();
        }
    }

    @Override
    public <T> ItemReader<T> readerFor(Type itemType) {
        Objects.requireNonNull(itemType, "itemType");
        if (readPlainTypesDirectly) {
            PlainTypes.ObjectDecoder plan = PlainTypes.plan(itemType);
            if (plan != null) {
                return new PlainReader<>(itemType, plan, Lazy.of(() -> jacksonReader(itemType)));
            }
        }
        return jacksonReader(itemType);
    }

    private <T> Reader<T> jacksonReader(Type itemType) {
        ObjectMapper mapper = objectMapper.get();
        JavaType javaType = mapper.constructType(itemType);
        ObjectReader reader = mapper.readerFor(javaType).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        return new Reader<>(reader, javaType);
    }

    @Override
    public <T> ItemWriter<T> writerFor(Type itemType) {
        Objects.requireNonNull(itemType, "itemType");
        ObjectMapper mapper = objectMapper.get();
        return new Writer<>(mapper, mapper.constructType(itemType));
    }

    /** Whether this mapper has created its {@code ObjectMapper} yet. */
    boolean objectMapperCreated() {
        return !(objectMapper instanceof Lazy<?> lazy) || lazy.isComputed();
    }

    /**
     * Reads a plain type directly; hands the image to Jackson when a value is outside the plain cases,
     * so results and errors are Jackson's.
     */
    private static final class PlainReader<T> implements RawImageReader<T> {
        private final Type type;
        private final PlainTypes.ObjectDecoder plan;
        private final Supplier<Reader<T>> jackson;

        PlainReader(Type type, PlainTypes.ObjectDecoder plan, Supplier<Reader<T>> jackson) {
            this.type = type;
            this.plan = plan;
            this.jackson = jackson;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T read(Map<String, AttributeValue> image) {
            try {
                return (T) plan.fields(image);
            } catch (PlainTypes.NotPlain e) {
                return jackson.get().read(image);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T readRaw(RawImage image) {
            try (JsonParser p = image.parser()) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    return (T) plan.fields(p);
                }
            } catch (PlainTypes.NotPlain | IOException e) {
                // outside the plain cases: Jackson reads it, or says what is wrong
            }
            return jackson.get().readRaw(image);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T readInPlace(JsonParser p) throws IOException {
            try {
                return p.currentToken() == JsonToken.START_OBJECT ? (T) plan.fields(p) : null;
            } catch (RuntimeException notPlain) {
                // outside the plain cases (or anything unexpected): the record's own path reads it later
                return null;
            }
        }

        @Override
        public String toString() {
            return "plain reader for " + type.getTypeName();
        }
    }

    private static final class Reader<T> implements RawImageReader<T> {
        private final ObjectReader reader;
        private final JavaType type;

        Reader(ObjectReader reader, JavaType type) {
            this.reader = reader;
            this.type = type;
        }

        @Override
        public T read(Map<String, AttributeValue> image) {
            ExactTokens tokens = new ExactTokens(reader);
            try {
                writeItem(tokens, image);
                return readTokens(tokens);
            } catch (JsonMappingException e) {
                throw translate(e, image);
            } catch (IOException e) {
                throw unreadable(e);
            }
        }

        /**
         * Reads the image's DynamoDB JSON straight into plain JSON tokens, without building attribute
         * values; if the DynamoDB JSON itself is malformed, falls back to {@link #read}, whose decoding
         * reports the problem with the attribute's path.
         */
        @Override
        public T readRaw(RawImage image) {
            ExactTokens tokens = new ExactTokens(reader);
            try (JsonParser in = image.parser()) {
                in.nextToken();
                if (!DynamoJson.copyItem(in, tokens)) {
                    return read(image.get());
                }
            } catch (IOException e) {
                return read(image.get());
            }
            try {
                return readTokens(tokens);
            } catch (JsonMappingException e) {
                throw translate(e, image.get());
            } catch (IOException e) {
                throw unreadable(e);
            }
        }

        private T readTokens(ExactTokens tokens) throws IOException {
            try (JsonParser parser = tokens.parser(reader)) {
                T item = reader.readValue(parser);
                if (item == null) {
                    throw new ItemMappingException("", type.toCanonical(), "the mapper returned null");
                }
                return item;
            }
        }

        /**
         * Jackson stopped with a stream-level error (a number it will not coerce, a constraint); its
         * message may hold the value, so only its type is named.
         */
        private ItemMappingException unreadable(IOException e) {
            return new ItemMappingException(
                    "",
                    type.toCanonical(),
                    "Jackson could not read the item (" + e.getClass().getName() + ")");
        }

        private ItemMappingException translate(JsonMappingException e, Map<String, AttributeValue> image) {
            String attribute = path(e.getPath());
            String dynamoType = typeAt(image, e.getPath());
            String target = type.toCanonical();
            String reason;
            if (e instanceof StrictNumbers.OutOfTargetRange range) {
                target = range.targetType().getTypeName();
                reason = range.reason();
            } else if (e.getCause() instanceof InputCoercionException coercion) {
                target = coercion.getTargetType() == null
                        ? target
                        : coercion.getTargetType().getTypeName();
                reason = "the number is out of the range of " + target;
            } else if (e instanceof UnrecognizedPropertyException) {
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

    /** Jackson's tree of the item, turned into attributes with the declared types deciding sets. */
    private static final class Writer<T> implements ItemWriter<T> {
        private final ObjectMapper objectMapper;
        private final JavaType type;
        private final Map<JavaType, Map<String, JavaType>> propertyTypes = new ConcurrentHashMap<>();

        Writer(ObjectMapper objectMapper, JavaType type) {
            this.objectMapper = objectMapper;
            this.type = type;
        }

        @Override
        public Map<String, AttributeValue> write(T item) {
            Objects.requireNonNull(item, "item");
            JsonNode tree = tree(item);
            if (!(tree instanceof ObjectNode object)) {
                throw new IllegalArgumentException(type.toCanonical() + " is written as " + tree.getNodeType()
                        + ", not as an object with attributes");
            }
            return attributes(object, type, "");
        }

        /**
         * The item as Jackson writes it, with numbers as they are: {@code valueToTree} would strip a
         * {@code BigDecimal}'s trailing zeros ({@code 25.00} to {@code 25}, {@code 1000} to {@code
         * 1E+3}), whatever the {@code ObjectMapper}'s own settings.
         */
        private JsonNode tree(T item) {
            try (TokenBuffer buffer = new TokenBuffer(objectMapper, false)) {
                objectMapper.writerFor(type).writeValue(buffer, item);
                try (JsonParser tokens = buffer.asParser(objectMapper)) {
                    return objectMapper
                            .reader()
                            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                            .readTree(tokens);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        type.toCanonical() + " cannot be written as an item: "
                                + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                        ? j.getOriginalMessage()
                                        : e.getMessage()),
                        e);
            }
        }

        private Map<String, AttributeValue> attributes(ObjectNode object, JavaType declared, String path) {
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey();
                attributes.put(
                        name,
                        value(field.getValue(), childType(declared, name), path.isEmpty() ? name : path + "." + name));
            }
            return attributes;
        }

        private AttributeValue value(JsonNode node, JavaType declared, String path) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return AttributeValue.Null.INSTANCE;
            }
            if (node.isTextual()) {
                return new AttributeValue.S(node.textValue());
            }
            if (node.isNumber()) {
                return new AttributeValue.N(decimal(node, path));
            }
            if (node.isBoolean()) {
                return new AttributeValue.Bool(node.booleanValue());
            }
            if (node.isBinary()) {
                return new AttributeValue.B(binary(node, path));
            }
            if (node instanceof ObjectNode object) {
                return new AttributeValue.M(attributes(object, declared, path));
            }
            if (node instanceof ArrayNode array) {
                JavaType content = declared == null ? null : declared.getContentType();
                if (declared != null && Set.class.isAssignableFrom(declared.getRawClass()) && !array.isEmpty()) {
                    AttributeValue set = set(array, path);
                    if (set != null) {
                        return set;
                    }
                }
                List<AttributeValue> elements = new ArrayList<>(array.size());
                for (JsonNode element : array) {
                    elements.add(value(element, content, path + "[" + elements.size() + "]"));
                }
                return new AttributeValue.L(elements);
            }
            throw new IllegalArgumentException(
                    "attribute " + path + " is written as " + node.getNodeType() + ", which has no DynamoDB type");
        }

        /** A set whose members all share a scalar kind; null when they do not (it stays a list). */
        private static AttributeValue set(ArrayNode array, String path) {
            boolean strings = true;
            boolean numbers = true;
            boolean binaries = true;
            for (JsonNode member : array) {
                strings &= member.isTextual();
                numbers &= member.isNumber();
                binaries &= member.isBinary();
            }
            if (strings) {
                List<String> members = new ArrayList<>(array.size());
                array.forEach(m -> members.add(m.textValue()));
                return new AttributeValue.SS(members);
            }
            if (numbers) {
                List<BigDecimal> members = new ArrayList<>(array.size());
                array.forEach(m -> members.add(decimal(m, path)));
                return new AttributeValue.NS(members);
            }
            if (binaries) {
                List<byte[]> members = new ArrayList<>(array.size());
                array.forEach(m -> members.add(binary(m, path)));
                return new AttributeValue.BS(members);
            }
            return null;
        }

        private JavaType childType(JavaType declared, String name) {
            if (declared == null) {
                return null;
            }
            if (declared.isMapLikeType()) {
                return declared.getContentType();
            }
            if (declared.isContainerType() || declared.getRawClass() == Object.class) {
                return null;
            }
            return propertyTypes.computeIfAbsent(declared, this::introspect).get(name);
        }

        private Map<String, JavaType> introspect(JavaType bean) {
            Map<String, JavaType> types = new HashMap<>();
            for (BeanPropertyDefinition property :
                    objectMapper.getSerializationConfig().introspect(bean).findProperties()) {
                types.put(property.getName(), property.getPrimaryType());
            }
            return types;
        }

        private static BigDecimal decimal(JsonNode number, String path) {
            try {
                return number.decimalValue();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "attribute " + path + " is not a finite number; DynamoDB cannot store it");
            }
        }

        private static byte[] binary(JsonNode node, String path) {
            try {
                return node.binaryValue();
            } catch (IOException e) {
                throw new IllegalArgumentException("attribute " + path + " has unreadable binary content", e);
            }
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
    static void writeNumber(JsonGenerator out, BigDecimal number) throws IOException {
        writeNumber(out, PlainNumbers.of(number));
    }

    /**
     * A number classified by {@link PlainNumbers} as its token: a Long or an integral decimal as an
     * integer token, anything else as a decimal one. Into an {@link ExactTokens} buffer an integral
     * decimal keeps its text's scale ({@code 213.00} reaches a {@code BigDecimal} property as it was
     * written), elsewhere it is written as the integer it equals.
     */
    static void writeNumber(JsonGenerator out, Number number) throws IOException {
        if (number instanceof Long l) {
            out.writeNumber(l.longValue());
        } else if (!PlainNumbers.isIntegral(number)) {
            out.writeNumber((BigDecimal) number);
        } else if (out instanceof ExactTokens exact) {
            exact.writeIntegral((BigDecimal) number);
        } else {
            out.writeNumber(((BigDecimal) number).toBigIntegerExact());
        }
    }
}
