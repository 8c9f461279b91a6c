package io.github.dynastream.benchmarks;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.DynamodbEventTransformer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The pipelines the benchmarks compare, each from the same event bytes to a no-op handler that takes
 * the item type (or, for the floors, to parsed tokens and trees).
 */
public final class Pipelines {
    private Pipelines() {}

    /**
     * The floors' Jackson objects, in a holder so that the cold-start harness, which uses this class
     * for every pipeline, does not pay for them.
     */
    private static final class Floor {
        static final JsonFactory JSON = new JsonFactory();
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The floor: one pass of Jackson's streaming parser over every token. */
    public static int tokenPass(byte[] event) {
        int tokens = 0;
        try (JsonParser parser = Floor.JSON.createParser(event)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /**
     * The floor plus a {@code String} for every string value (field names come canonicalized from the
     * parser, at no cost): what any reader that hands out every string of the event pays before it
     * creates anything else.
     */
    public static int tokenPassWithStrings(byte[] event) {
        int length = 0;
        try (JsonParser parser = Floor.JSON.createParser(event)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING) {
                    length += parser.getText().length();
                } else if (token == JsonToken.FIELD_NAME) {
                    length += parser.currentName().length();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return length;
    }

    /** Jackson's tree of the whole event. */
    public static JsonNode readTree(byte[] event) {
        try {
            return Floor.MAPPER.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The managed Java runtime's deserializer (aws-lambda-java-serialization), as a RequestHandler gets it. */
    public static final class RuntimeDeserializer {
        private final PojoSerializer<DynamodbEvent> serializer =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, Pipelines.class.getClassLoader());

        public DynamodbEvent deserialize(byte[] event) {
            return serializer.fromJson(new ByteArrayInputStream(event));
        }
    }

    /** Receives every item; keeps the last so nothing is optimised away. */
    public static final class NoOpHandler {
        public OrderItem last;
        public int count;

        @OnInsert
        @OnModify
        @OnRemove
        void on(OrderItem item) {
            last = item;
            count++;
        }
    }

    /**
     * The typical typed pipeline without dynastream: the runtime's deserializer, then
     * aws-lambda-java-events-sdk-transformer to SDK v2 records, then the Enhanced Client's {@code
     * TableSchema.mapToItem} for the image the event needs.
     */
    public static final class TypedPeer {
        private final RuntimeDeserializer deserializer = new RuntimeDeserializer();
        private final TableSchema<OrderItem> schema = TableSchema.fromBean(OrderItem.class);
        private final NoOpHandler handler = new NoOpHandler();

        public StreamsEventResponse process(byte[] event) {
            List<Record> records = DynamodbEventTransformer.toRecordsV2(deserializer.deserialize(event));
            for (Record record : records) {
                OrderItem item = record.eventName() == OperationType.REMOVE
                        ? schema.mapToItem(record.dynamodb().oldImage())
                        : schema.mapToItem(record.dynamodb().newImage());
                handler.on(item);
            }
            return new StreamsEventResponse();
        }

        public NoOpHandler handler() {
            return handler;
        }
    }

    /** dynastream with Jackson mapping. */
    public static StreamProcessor jacksonProcessor(NoOpHandler handler) {
        return StreamProcessor.builder().handler(handler).logBatchSummary(false).build();
    }

    /** dynastream with the Enhanced Client's TableSchema mapping. */
    public static StreamProcessor tableSchemaProcessor(NoOpHandler handler) {
        return StreamProcessor.builder()
                .handler(handler)
                .itemMapper(TableSchemaMapper.create())
                .logBatchSummary(false)
                .build();
    }
}
