package io.github.dynastream.enhanced;

import com.fasterxml.jackson.core.JsonParser;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.ItemMappingException;
import io.github.dynastream.internal.ImageBytes;
import io.github.dynastream.internal.RawImageBytes;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemReader;
import io.github.dynastream.mapping.ItemWriter;
import io.github.dynastream.mapping.RawImageReader;
import io.github.dynastream.source.RawImage;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;

/**
 * An {@link ItemMapper} that maps images through the DynamoDB Enhanced Client's {@link TableSchema}:
 * the same entity classes, converters and annotations ({@code @DynamoDbConvertedBy}, {@code
 * @DynamoDbFlatten}, converter providers, nested beans) the writer of the table uses.
 *
 * <pre>{@code
 * StreamProcessor processor = StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .itemMapper(TableSchemaMapper.builder()
 *                 .schema(Order.class, ORDER_SCHEMA)          // a schema you already have
 *                 .build())                                   // @DynamoDbBean types are derived
 *         .build();
 * }</pre>
 *
 * <p>Schemas are registered up front or derived with {@link TableSchema#fromClass(Class)} for types
 * annotated {@code @DynamoDbBean} or {@code @DynamoDbImmutable}, once per type when the processor is
 * built; creating a schema is expensive, so none is created per record. Java records are not
 * supported by the Enhanced Client in this SDK version; use {@code @DynamoDbImmutable} classes. A
 * {@code NULL} attribute becomes a null property.
 *
 * <p>Mapping errors name the attribute and its target type, never the value. Immutable and
 * thread-safe.
 */
public final class TableSchemaMapper implements ItemMapper {
    private final Map<Class<?>, TableSchema<?>> registered;
    private final boolean deriveAnnotated;
    private final Map<Class<?>, TableSchema<?>> derived = new ConcurrentHashMap<>();

    private TableSchemaMapper(Builder builder) {
        this.registered = Map.copyOf(builder.schemas);
        this.deriveAnnotated = builder.deriveAnnotated;
    }

    /** A mapper that derives a schema for every {@code @DynamoDbBean} or {@code @DynamoDbImmutable} type. */
    public static TableSchemaMapper create() {
        return builder().build();
    }

    /** Starts configuring a mapper. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The schema for an item type: the registered one, or one derived from its annotations.
     *
     * @throws IllegalArgumentException if there is none, saying how to provide one
     */
    public <T> TableSchema<T> schemaFor(Class<T> type) {
        Objects.requireNonNull(type, "type");
        TableSchema<?> schema = registered.get(type);
        if (schema == null) {
            if (!deriveAnnotated
                    || !(type.isAnnotationPresent(DynamoDbBean.class)
                            || type.isAnnotationPresent(DynamoDbImmutable.class))) {
                throw new IllegalArgumentException("no TableSchema is registered for " + type.getName()
                        + (deriveAnnotated ? " and it is annotated neither @DynamoDbBean nor @DynamoDbImmutable" : "")
                        + "; register one with TableSchemaMapper.builder().schema(type, schema)");
            }
            schema = derived.computeIfAbsent(type, TableSchema::fromClass);
        }
        @SuppressWarnings("unchecked")
        TableSchema<T> typed = (TableSchema<T>) schema;
        return typed;
    }

    /** The partition and sort key names an item type's schema declares, e.g. for grouping by key. */
    public KeySchema keySchema(Class<?> type) {
        return KeySchema.of(schemaFor(type));
    }

    @Override
    public <T> ItemReader<T> readerFor(Type itemType) {
        TableSchema<T> schema = schemaFor(rawClass(itemType));
        return new Reader<>(schema);
    }

    @Override
    public <T> ItemWriter<T> writerFor(Type itemType) {
        TableSchema<T> schema = schemaFor(rawClass(itemType));
        return item -> SdkAttributeValues.fromSdk(schema.itemToMap(Objects.requireNonNull(item, "item"), true));
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return (Class<T>) c;
        }
        throw new IllegalArgumentException("a TableSchema maps classes, not the generic type " + type.getTypeName());
    }

    private static final class Reader<T> implements RawImageReader<T>, ImageBytes.Reader {
        private final TableSchema<T> schema;
        private final SchemaNames names;

        Reader(TableSchema<T> schema) {
            this.schema = schema;
            this.names = SchemaNames.of(schema);
        }

        @Override
        public T read(Map<String, AttributeValue> image) {
            return map(SdkAttributeValues.toSdk(image));
        }

        /**
         * Reads the image's DynamoDB JSON straight into SDK attribute values: from its bytes when they
         * are plain UTF-8, else from a parser's tokens, else (malformed) from the decoded attributes,
         * which say what is wrong.
         */
        @Override
        public T readRaw(RawImage image) {
            ImageBytes bytes = RawImageBytes.of(image);
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                    bytes == null ? null : SdkJsonBytes.readItem(bytes, names);
            if (item == null) {
                try (JsonParser in = image.parser()) {
                    in.nextToken();
                    item = SdkJsonReader.readItem(in);
                } catch (IOException e) {
                    item = null;
                }
            }
            return item == null ? read(image.get()) : map(item);
        }

        /**
         * Maps the image from the event's bytes while the event is read, when they are plain UTF-8
         * DynamoDB JSON; anything else is left to {@link #readInPlace}.
         */
        @Override
        public Object readBytes(ImageBytes image) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                    SdkJsonBytes.readItem(image, names);
            if (item == null) {
                return null;
            }
            try {
                return schema.mapToItem(item);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /**
         * Maps the image from the event's parser while the event is read; anything unusual (malformed
         * attributes, a mapping error) is left to {@link #readRaw}, which reports it.
         */
        @Override
        public T readInPlace(JsonParser p) throws IOException {
            try {
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                        SdkJsonReader.readItem(p);
                return item == null ? null : schema.mapToItem(item);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private T map(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
            T result;
            try {
                result = schema.mapToItem(item);
            } catch (RuntimeException e) {
                throw explain(item, e);
            }
            if (result == null) {
                throw new ItemMappingException("", typeName(), "the schema mapped the image to null");
            }
            return result;
        }

        /** Finds the attribute whose converter rejects its value; converter messages may hold values, so none is kept. */
        private ItemMappingException explain(
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item, RuntimeException e) {
            for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> attribute :
                    new LinkedHashMap<>(item).entrySet()) {
                Optional<AttributeConverter<?>> converter = converter(attribute.getKey());
                if (converter.isEmpty()) {
                    continue;
                }
                try {
                    converter.get().transformTo(attribute.getValue());
                } catch (RuntimeException rejected) {
                    return new ItemMappingException(
                            attribute.getKey(),
                            converter.get().type().toString(),
                            "the " + attribute.getValue().type() + " value cannot be converted ("
                                    + rejected.getClass().getName() + ")");
                }
            }
            return new ItemMappingException(
                    "",
                    typeName(),
                    "the TableSchema could not map the image (" + e.getClass().getName() + ")");
        }

        private Optional<AttributeConverter<?>> converter(String attribute) {
            try {
                return Optional.ofNullable(schema.converterForAttribute(attribute));
            } catch (RuntimeException notAnAttribute) {
                return Optional.empty();
            }
        }

        private String typeName() {
            return schema.itemType().rawClass().getName();
        }
    }

    /** Configures a {@link TableSchemaMapper}. Not thread-safe. */
    public static final class Builder {
        private final Map<Class<?>, TableSchema<?>> schemas = new LinkedHashMap<>();
        private boolean deriveAnnotated = true;

        private Builder() {}

        /**
         * Registers the schema for an item type: a bean, immutable, static or document schema, or one
         * with custom converter providers.
         */
        public <T> Builder schema(Class<T> type, TableSchema<T> schema) {
            schemas.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(schema, "schema"));
            return this;
        }

        /**
         * Whether types without a registered schema get {@link TableSchema#fromClass(Class)} when they
         * are annotated {@code @DynamoDbBean} or {@code @DynamoDbImmutable} (default true).
         */
        public Builder deriveAnnotatedSchemas(boolean derive) {
            this.deriveAnnotated = derive;
            return this;
        }

        /** Builds the mapper. */
        public TableSchemaMapper build() {
            return new TableSchemaMapper(this);
        }
    }
}
