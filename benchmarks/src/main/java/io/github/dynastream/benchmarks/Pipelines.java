package io.github.dynastream.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

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

    /**
     * Receives every item; keeps the last so nothing is optimised away, and every item when asked to
     * (for the check that all pipelines hand the handler equal items).
     */
    public static final class NoOpHandler {
        public OrderItem last;
        public int count;
        private List<OrderItem> seen;

        /** Keeps every item from now on. */
        public List<OrderItem> keepAll() {
            seen = new ArrayList<>();
            return seen;
        }

        @OnInsert
        @OnModify
        @OnRemove
        void on(OrderItem item) {
            last = item;
            count++;
            if (seen != null) {
                seen.add(item);
            }
        }
    }

    /**
     * The typical typed pipeline without dynastream, and nothing more: the runtime's deserializer to
     * {@code DynamodbEvent}, then for each record aws-lambda-java-events-sdk-transformer's {@code
     * toAttributeValueMapV2} of the image the event needs (NewImage for INSERT and MODIFY, OldImage for
     * REMOVE), then the Enhanced Client's {@code TableSchema.mapToItem}.
     */
    public static final class TypedPeer {
        private final RuntimeDeserializer deserializer = new RuntimeDeserializer();
        private final TableSchema<OrderItem> schema = TableSchema.fromBean(OrderItem.class);
        private final NoOpHandler handler;

        public TypedPeer() {
            this(new NoOpHandler());
        }

        public TypedPeer(NoOpHandler handler) {
            this.handler = handler;
        }

        public StreamsEventResponse process(byte[] event) {
            for (DynamodbEvent.DynamodbStreamRecord record :
                    deserializer.deserialize(event).getRecords()) {
                StreamRecord change = record.getDynamodb();
                Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image =
                        "REMOVE".equals(record.getEventName()) ? change.getOldImage() : change.getNewImage();
                handler.on(schema.mapToItem(DynamodbAttributeValueTransformer.toAttributeValueMapV2(image)));
            }
            return new StreamsEventResponse();
        }

        public NoOpHandler handler() {
            return handler;
        }
    }

    /**
     * dynastream's Lambda entry point as the runtime calls it: a {@link DynamoDbStreamHandler} over the
     * Jackson processor, event bytes in, response JSON out.
     */
    public static final class BaseHandler {
        private final DynamoDbStreamHandler function;
        private final Context context = TestContext.withRemainingTime(Duration.ofMinutes(15));

        public BaseHandler(NoOpHandler handler) {
            function = new DynamoDbStreamHandler(jacksonProcessor(handler)) {};
        }

        /** Returns the size of the response written. */
        public int process(byte[] event) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            function.handleRequest(new ByteArrayInputStream(event), out, context);
            return out.size();
        }
    }

    /**
     * Refuses to measure pipelines that do different work: every pipeline must hand the handler the
     * items the typed peer hands it, equal field for field and in the same order.
     *
     * @throws IllegalStateException naming the first pipeline and record that differ
     */
    public static void checkSameItems(byte[] event) {
        NoOpHandler peerHandler = new NoOpHandler();
        TypedPeer peer = new TypedPeer(peerHandler);
        List<OrderItem> expected = peerHandler.keepAll();
        peer.process(event);
        RuntimeDeserializer runtime = new RuntimeDeserializer();
        Map<String, java.util.function.Function<NoOpHandler, Runnable>> pipelines = new LinkedHashMap<>();
        pipelines.put("process(InputStream), default mapper", h -> {
            StreamProcessor p = jacksonProcessor(h);
            return () -> p.process(new ByteArrayInputStream(event));
        });
        pipelines.put("process(InputStream), TableSchemaMapper", h -> {
            StreamProcessor p = tableSchemaProcessor(h);
            return () -> p.process(new ByteArrayInputStream(event));
        });
        pipelines.put("process(DynamodbEvent), default mapper", h -> {
            StreamProcessor p = jacksonProcessor(h);
            return () -> p.process(runtime.deserialize(event));
        });
        pipelines.put("process(DynamodbEvent), TableSchemaMapper", h -> {
            StreamProcessor p = tableSchemaProcessor(h);
            return () -> p.process(runtime.deserialize(event));
        });
        pipelines.put("DynamoDbStreamHandler", h -> {
            BaseHandler p = new BaseHandler(h);
            return () -> p.process(event);
        });
        pipelines.forEach((name, pipeline) -> {
            NoOpHandler handler = new NoOpHandler();
            List<OrderItem> actual = handler.keepAll();
            pipeline.apply(handler).run();
            if (actual.size() != expected.size()) {
                throw new IllegalStateException(name + " handed the handler " + actual.size()
                        + " items where the typed peer handed it " + expected.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    throw new IllegalStateException(name + " mapped record " + i + " (" + expected.get(i)
                            + ") differently from the typed peer");
                }
            }
        });
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
