package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.mapping.AttributeValueJson;
import io.github.dynastream.testkit.StreamGenerators;
import io.github.dynastream.testkit.Theories;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SDK attribute values the TableSchema path builds straight from event bytes are the ones the
 * typed pipeline hands {@code TableSchema.mapToItem} (the runtime's deserializer, then
 * aws-lambda-java-events-sdk-transformer's {@code toAttributeValueMapV2}), so the items mapped from
 * them are too: for every image of every published fixture, and for generated images.
 */
class SdkJsonReaderParityTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper TREES = new ObjectMapper();

    @Test
    void everyImageOfEveryFixtureReadsAsTheTypedPipelineReadsIt() throws IOException {
        int images = 0;
        int emptySets = 0;
        List<String> compared = new ArrayList<>();
        Path fixtures = fixtures();
        List<Path> files;
        try (Stream<Path> all = Files.list(fixtures)) {
            files = all.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] json = Files.readAllBytes(file);
            DynamodbEvent event;
            JsonNode tree;
            try {
                event = LambdaEventSerializers.serializerFor(
                                DynamodbEvent.class, getClass().getClassLoader())
                        .fromJson(new ByteArrayInputStream(json));
                tree = TREES.readTree(json);
            } catch (RuntimeException | IOException notAStreamEvent) {
                continue; // malformed on purpose, or not this shape: other tests cover those
            }
            if (event.getRecords() == null || !tree.has("Records")) {
                continue;
            }
            int index = 0;
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                StreamRecord change = record.getDynamodb();
                JsonNode dynamodb = tree.get("Records").get(index++).get("dynamodb");
                if (change == null || dynamodb == null) {
                    continue;
                }
                Map<String, Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>>
                        typed = new LinkedHashMap<>();
                typed.put("Keys", change.getKeys());
                typed.put("NewImage", change.getNewImage());
                typed.put("OldImage", change.getOldImage());
                for (var image : typed.entrySet()) {
                    if (image.getValue() == null || !dynamodb.has(image.getKey())) {
                        continue;
                    }
                    String where = name + " record " + (index - 1) + " " + image.getKey();
                    Map<String, AttributeValue> ours = read(TREES.writeValueAsBytes(dynamodb.get(image.getKey())));
                    Map<String, AttributeValue> theirs =
                            DynamodbAttributeValueTransformer.toAttributeValueMapV2(image.getValue());
                    assertThat(emptySetsMarked(ours)).as(where).isEqualTo(emptySetsMarked(theirs));
                    emptySets += emptySets(ours);
                    images++;
                }
            }
            compared.add(name);
        }
        assertThat(compared).hasSizeGreaterThanOrEqualTo(8);
        assertThat(images).isGreaterThan(40);
        // Fixtures hold empty string sets, which DynamoDB never writes: the event says SS and so
        // does our value; the transformer makes a value of no type of it. Either way the schema gets
        // no members. (That the comparison above met them at all.)
        assertThat(emptySets).isPositive();
    }

    /** The values with empty sets (ours) and typeless values (the transformer's) both marked as one thing. */
    private static Map<String, AttributeValue> emptySetsMarked(Map<String, AttributeValue> image) {
        Map<String, AttributeValue> marked = new LinkedHashMap<>();
        image.forEach((name, value) -> marked.put(name, emptySetMarked(value)));
        return marked;
    }

    private static AttributeValue emptySetMarked(AttributeValue value) {
        return switch (value.type()) {
            case SS, NS, BS -> emptySet(value) ? EMPTY_SET : value;
            case UNKNOWN_TO_SDK_VERSION -> EMPTY_SET;
            case M -> AttributeValue.fromM(emptySetsMarked(value.m()));
            case L ->
                AttributeValue.fromL(value.l().stream()
                        .map(SdkJsonReaderParityTest::emptySetMarked)
                        .toList());
            default -> value;
        };
    }

    private static final AttributeValue EMPTY_SET = AttributeValue.fromS("(an empty set)");

    private static boolean emptySet(AttributeValue value) {
        return (value.type() == AttributeValue.Type.SS && value.ss().isEmpty())
                || (value.type() == AttributeValue.Type.NS && value.ns().isEmpty())
                || (value.type() == AttributeValue.Type.BS && value.bs().isEmpty());
    }

    private static int emptySets(Map<String, AttributeValue> image) {
        int count = 0;
        for (AttributeValue value : image.values()) {
            count += emptySet(value) ? 1 : 0;
            if (value.type() == AttributeValue.Type.M) {
                count += emptySets(value.m());
            } else if (value.type() == AttributeValue.Type.L) {
                for (AttributeValue element : value.l()) {
                    count += emptySet(element)
                            ? 1
                            : element.type() == AttributeValue.Type.M ? emptySets(element.m()) : 0;
                }
            }
        }
        return count;
    }

    @Test
    void generatedImagesReadAsTheirSdkValues() {
        Theories.qt(300).forAll(StreamGenerators.images()).checkAssert(image -> {
            byte[] json = AttributeValueJson.toJson(image).getBytes(StandardCharsets.UTF_8);
            try {
                Map<String, AttributeValue> read = read(json);
                assertThat(read).isEqualTo(SdkAttributeValues.toSdk(image));
                // The map is the schema's input: it must behave as a map in every way the schema may use.
                assertThat(new LinkedHashMap<>(read)).isEqualTo(read);
                assertThat(read.hashCode())
                        .isEqualTo(SdkAttributeValues.toSdk(image).hashCode());
                image.keySet().forEach(key -> assertThat(read).containsKey(key));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The published fixtures, which the build copies onto the test classpath. */
    private static Path fixtures() {
        try {
            return Path.of(SdkJsonReaderParityTest.class
                            .getResource("/fixtures/events/SOURCES.md")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AttributeValue> read(byte[] image) throws IOException {
        try (JsonParser in = JSON.createParser(image)) {
            in.nextToken();
            Map<String, AttributeValue> read = SdkJsonReader.readItem(in);
            assertThat(read).as("the reader takes well-formed DynamoDB JSON").isNotNull();
            return read;
        }
    }
}
