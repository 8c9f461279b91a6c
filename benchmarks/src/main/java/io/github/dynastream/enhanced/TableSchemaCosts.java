package io.github.dynastream.enhanced;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.benchmarks.OrderItem;
import io.github.dynastream.benchmarks.Pipelines;
import io.github.dynastream.benchmarks.Workload;
import io.github.dynastream.internal.ImageBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the time of the TableSchema pipeline goes: each step of it, and of the typed peer, run on its
 * own over the workload's 1,000 images (the one each record's handler needs), in interleaved rounds,
 * reporting the best round's microseconds and the bytes allocated per record. It sits in
 * enhanced-mapping's package to time that module's package-private image reader on its own.
 *
 * <p>{@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp benchmarks.jar
 * io.github.dynastream.enhanced.TableSchemaCosts [rounds]}
 */
public final class TableSchemaCosts {
    private static final int RECORDS = 1_000;

    private TableSchemaCosts() {}

    /** Counts what a step returns, so that nothing is optimised away. */
    private static long sink;

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        byte[] event = Workload.event(RECORDS, 42);
        ObjectMapper trees = new ObjectMapper();
        List<byte[]> images = new ArrayList<>();
        for (JsonNode record : trees.readTree(event).get("Records")) {
            JsonNode change = record.get("dynamodb");
            boolean remove = record.get("eventName").asText().equals("REMOVE");
            images.add(trees.writeValueAsBytes(remove ? change.get("OldImage") : change.get("NewImage")));
        }
        JsonFactory json = new JsonFactory();
        TableSchema<OrderItem> schema = TableSchema.fromBean(OrderItem.class);
        Pipelines.RuntimeDeserializer runtime = new Pipelines.RuntimeDeserializer();
        List<Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>> runtimeImages =
                new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record :
                runtime.deserialize(event).getRecords()) {
            runtimeImages.add(
                    record.getEventName().equals("REMOVE")
                            ? record.getDynamodb().getOldImage()
                            : record.getDynamodb().getNewImage());
        }
        List<Map<String, AttributeValue>> sdkImages = new ArrayList<>();
        for (byte[] image : images) {
            sdkImages.add(readImage(json, image));
        }
        StreamProcessor tableSchema = Pipelines.tableSchemaProcessor(new Pipelines.NoOpHandler());
        StreamProcessor records = StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        sink++;
                    }
                })
                .logBatchSummary(false)
                .build();
        Pipelines.TypedPeer peer = new Pipelines.TypedPeer();

        Map<String, Runnable> steps = new LinkedHashMap<>();
        steps.put(
                "peer: the runtime's deserializer (whole event)",
                () -> sink += runtime.deserialize(event).getRecords().size());
        steps.put("peer: toAttributeValueMapV2 (one image per record)", () -> {
            for (var image : runtimeImages) {
                sink += DynamodbAttributeValueTransformer.toAttributeValueMapV2(image)
                        .size();
            }
        });
        steps.put("both: TableSchema.mapToItem (one image per record)", () -> {
            for (Map<String, AttributeValue> image : sdkImages) {
                sink += schema.mapToItem(image).hashCode();
            }
        });
        steps.put("peer: whole pipeline", () -> sink += peer.process(event).hashCode());
        steps.put(
                "dynastream: the event without mapping (ChangeRecord handler)",
                () -> sink += records.process(new ByteArrayInputStream(event)).hashCode());
        steps.put("dynastream: tokens of the images only (the floor of reading them)", () -> {
            for (byte[] image : images) {
                sink += Pipelines.tokenPass(image);
            }
        });
        steps.put("dynastream: SDK values read from the images", () -> {
            for (byte[] image : images) {
                sink += readImage(json, image).size();
            }
        });
        ImageBytes bytes = new ImageBytes();
        steps.put("dynastream: SDK values read from the images' bytes", () -> {
            for (byte[] image : images) {
                bytes.reset(image, 0, image.length, 64, 50_000, 20_000_000);
                sink += SdkJsonBytes.readItem(bytes).size();
            }
        });
        steps.put(
                "dynastream: whole TableSchema pipeline",
                () -> sink +=
                        tableSchema.process(new ByteArrayInputStream(event)).hashCode());

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 0; round < 5 + rounds; round++) {
            for (Map.Entry<String, Runnable> step : steps.entrySet()) {
                long start = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    step.getValue().run();
                }
                double micros = (System.nanoTime() - start) / 1e3 / (10.0 * RECORDS);
                if (round >= 5) {
                    best.merge(step.getKey(), micros, Math::min);
                }
            }
        }
        System.out.println("| step | µs per record (best round) | bytes allocated per record |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, Runnable> step : steps.entrySet()) {
            long before = threads.getCurrentThreadAllocatedBytes();
            step.getValue().run();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.printf(
                    "| %s | %.2f | %,.0f |%n", step.getKey(), best.get(step.getKey()), allocated / (double) RECORDS);
        }
    }

    private static Map<String, AttributeValue> readImage(JsonFactory json, byte[] image) {
        try (JsonParser in = json.createParser(image)) {
            in.nextToken();
            return SdkJsonReader.readItem(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
