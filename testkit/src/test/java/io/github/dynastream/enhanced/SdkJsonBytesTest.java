package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.github.dynastream.internal.ImageBytes;
import io.github.dynastream.mapping.AttributeValueJson;
import io.github.dynastream.testkit.StreamGenerators;
import io.github.dynastream.testkit.Theories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reader of image bytes returns what the reader of the event parser's tokens returns, or
 * nothing: every image it takes reads to the same SDK values, and what it does not take (escapes,
 * JSON it does not expect, malformed UTF-8, limits) it leaves with nothing reported, to be read from
 * the tokens.
 */
class SdkJsonBytesTest {
    private static final JsonFactory JSON = new JsonFactory();

    /** What the tokens' reader makes of the JSON, or null where it leaves it to the decoding path. */
    private static Map<String, AttributeValue> fromTokens(byte[] image) {
        try (JsonParser in = JSON.createParser(image)) {
            in.nextToken();
            return SdkJsonReader.readItem(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** What the bytes' reader makes of the JSON, checking where it says the image ended. */
    private static Map<String, AttributeValue> fromBytes(byte[] image, int maxJsonDepth) {
        // The image sits inside other bytes, as in an event, so that ends and offsets are checked.
        byte[] event = concat("{\"NewImage\":", image, ",\"x\":1}");
        int offset = "{\"NewImage\":".length();
        ImageBytes bytes = new ImageBytes().reset(event, offset, event.length, maxJsonDepth, 50_000, 20_000_000);
        Map<String, AttributeValue> read = SdkJsonBytes.readItem(bytes);
        if (read == null) {
            assertThat(bytes.end())
                    .as("nothing reported for an image left to the tokens")
                    .isEqualTo(-1);
        } else {
            assertThat(bytes.end()).isEqualTo(offset + image.length);
        }
        return read;
    }

    private static Map<String, AttributeValue> fromBytes(String image) {
        return fromBytes(image.getBytes(StandardCharsets.UTF_8), 64);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    @Test
    void generatedImagesReadFromTheirBytesAsFromTheirTokens() {
        AtomicInteger fromBytes = new AtomicInteger();
        AtomicInteger leftToTokens = new AtomicInteger();
        Theories.qt(400).forAll(StreamGenerators.images()).checkAssert(image -> {
            String json = AttributeValueJson.toJson(image);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Map<String, AttributeValue> read = fromBytes(bytes, 64);
            if (read == null) {
                assertThat(json)
                        .as("only escapes keep a well-formed image from the bytes' reader")
                        .contains("\\");
                leftToTokens.incrementAndGet();
            } else {
                assertThat(read).isEqualTo(fromTokens(bytes)).isEqualTo(SdkAttributeValues.toSdk(image));
                fromBytes.incrementAndGet();
            }
        });
        assertThat(fromBytes.get()).as("images read from their bytes").isGreaterThan(100);
        assertThat(leftToTokens.get())
                .as("images with escapes, left to the tokens")
                .isPositive();
    }

    @Test
    void everyValueTypeAndWhitespaceJsonAllowsReadAsTheTokensReadThem() {
        String image = " {\r\n\t\"s\" : {\"S\":\"text\"},\"n\":{ \"N\" : \"-12.5E3\" },\"b\":{\"B\":\"AQID\"},"
                + "\"t\":{\"BOOL\":true},\"f\":{\"BOOL\":false},\"z\":{\"NULL\":true},"
                + "\"m\":{\"M\":{\"inner\":{\"M\":{}},\"x\":{\"S\":\"\"}}},"
                + "\"l\":{\"L\":[ {\"N\":\"1\"} , {\"L\":[]}, {\"M\":{\"k\":{\"SS\":[\"v\"]}}} ]},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]},"
                + "\"empty\":{\"SS\":[]}\n}";
        byte[] bytes = image.trim().getBytes(StandardCharsets.UTF_8);
        Map<String, AttributeValue> read = fromBytes(bytes, 64);
        assertThat(read).isNotNull().hasSize(12).isEqualTo(fromTokens(bytes));
        assertThat(read.get("l").l().get(2).m().get("k").ss()).containsExactly("v");
        assertThat(read.get("bs").bs()).hasSize(2);
        assertThat(fromBytes("{}")).isEmpty();
    }

    @Test
    void utf8ReadsAsTheTokenizerDecodesIt() {
        for (String text : List.of("é", "Grüße aus Köln", "€ 12", "日本語", "😀 emoji", "mixed é and 😀")) {
            String image = "{\"" + text + "\":{\"S\":\"" + text + "\"},\"set\":{\"SS\":[\"" + text + "\"]}}";
            Map<String, AttributeValue> read = fromBytes(image);
            assertThat(read).as(text).isNotNull().isEqualTo(fromTokens(image.getBytes(StandardCharsets.UTF_8)));
            assertThat(read.get(text).s()).isEqualTo(text);
        }
    }

    @Test
    void malformedUtf8IsLeftToTheTokensWhichReportIt() {
        // overlong '/', a lone continuation byte, a surrogate, beyond U+10FFFF, a cut-off sequence, F5
        for (String hex : List.of("c0af", "80", "eda080", "f4908080", "e282", "f5808080", "c3")) {
            byte[] image = concat("{\"a\":{\"S\":\"x", HexFormat.of().parseHex(hex), "\"}}");
            assertThat(fromBytes(image, 64)).as(hex).isNull();
        }
    }

    @Test
    void whatTheBytesReaderDoesNotExpectIsLeftToTheTokens() {
        List<String> left = new ArrayList<>(List.of(
                "{\"a\":{\"S\":\"with \\\"escape\\\"\"}}",
                "{\"a\\u0062\":{\"S\":\"x\"}}",
                "{\"a\":{\"S\":\"control\u0001\"}}",
                "{\"a\":{\"N\":12}}", // a bare number, which only the tokens' reader takes
                "{\"a\":{\"NS\":[1,2]}}",
                "{\"a\":{\"NULL\":false}}",
                "{\"a\":{\"BOOL\":\"true\"}}",
                "{\"a\":{\"BOOL\":truth}}",
                "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}",
                "{\"a\":{\"X\":\"x\"}}",
                "{\"a\":{\"NULLS\":true}}",
                "{\"a\":{\"S\":\"x\"},}",
                "{\"a\":{\"L\":[{\"S\":\"x\"},]}}",
                "{\"a\" {\"S\":\"x\"}}",
                "{\"a\":{\"S\":\"x\"} \"b\":{\"S\":\"y\"}}",
                "{\"a\":{\"N\":\"1e999\"}}",
                "{\"a\":{\"N\":\"not a number\"}}",
                "{\"a\":{\"B\":\"not base64!\"}}",
                "{\"a\":{\"BS\":[\"AQ==\",\"?\"]}}",
                "{\"a\":{\"M\":[]}}",
                "{\"a\":{\"L\":{}}}",
                "{\"a\":{\"S\":\"cut off",
                "{\"a\":{\"S\":\"x\"}"));
        for (String image : left) {
            assertThat(fromBytes(image)).as(image).isNull();
        }
    }

    @Test
    void nestingIsHeldToTheLimitTheParserWouldApply() {
        // attribute levels: a (1) holds b (2), whose element (3) holds c (4); each level is two
        // JSON levels (its value object and its map, list or set)
        String image = "{\"a\":{\"M\":{\"b\":{\"L\":[{\"M\":{\"c\":{\"SS\":[\"x\"]}}}]}}}}";
        byte[] bytes = image.getBytes(StandardCharsets.UTF_8);
        assertThat(fromBytes(bytes, 8)).isNotNull().isEqualTo(fromTokens(bytes));
        assertThat(fromBytes(bytes, 7)).isNull();
        // a hostile depth ends at the limit, in a bounded number of steps, with no stack overflow
        String deep = "{\"a\":" + "{\"L\":[".repeat(100_000) + "]}".repeat(100_000) + "}";
        assertThat(fromBytes(deep.getBytes(StandardCharsets.UTF_8), 64)).isNull();
    }

    @Test
    void stringsAndNamesLongerThanTheParsersLimitsAreLeftToTheTokens() {
        byte[] image = "{\"name\":{\"S\":\"0123456789\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(read(image, 4, 10)).isNotNull();
        assertThat(read(image, 3, 10)).as("name over the limit").isNull();
        assertThat(read(image, 4, 9)).as("string over the limit").isNull();
    }

    private static Map<String, AttributeValue> read(byte[] image, int maxNameLength, int maxStringLength) {
        return SdkJsonBytes.readItem(
                new ImageBytes().reset(image, 0, image.length, 64, maxNameLength, maxStringLength));
    }

    @Test
    void lineFeedsAreCountedSoThatTheParserKnowsItsLineAfterTheImage() {
        byte[] image = "{\n\"a\":{\"S\":\"x\"},\n\n \"b\":{\"S\":\"y\"}\n}".getBytes(StandardCharsets.UTF_8);
        ImageBytes bytes = new ImageBytes().reset(image, 0, image.length, 64, 50_000, 20_000_000);
        assertThat(SdkJsonBytes.readItem(bytes)).hasSize(2);
        assertThat(bytes.newlines()).isEqualTo(4);
        assertThat(bytes.lastLineStart()).isEqualTo(image.length - 1);
        assertThat(bytes.end()).isEqualTo(image.length);
    }

    @Test
    void namesAreSharedBetweenImagesButNeverConfused() {
        Map<String, AttributeValue> first = fromBytes("{\"status\":{\"S\":\"a\"},\"statut\":{\"S\":\"b\"}}");
        Map<String, AttributeValue> second = fromBytes("{\"status\":{\"S\":\"c\"},\"statut\":{\"S\":\"d\"}}");
        assertThat(first.keySet()).containsExactly("status", "statut");
        assertThat(second.keySet()).containsExactly("status", "statut");
        assertThat(second.get("status").s()).isEqualTo("c");
        assertThat(second.get("statut").s()).isEqualTo("d");
        // many distinct names, more than the cache holds, all kept apart
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 1_000; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("\"attr")
                    .append(i)
                    .append("\":{\"N\":\"")
                    .append(i)
                    .append("\"}");
        }
        Map<String, AttributeValue> read = fromBytes(many.append('}').toString());
        assertThat(read).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(read.get("attr" + i).n()).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void aFailedReadLeavesTheReaderAsGoodAsNew() {
        String good = "{\"m\":{\"M\":{\"l\":{\"L\":[{\"S\":\"x\"}]}}}}";
        Map<String, AttributeValue> before = fromBytes(good);
        assertThat(fromBytes("{\"m\":{\"M\":{\"l\":{\"L\":[{\"S\":\"x\"},{\"X\":1}]}}}}"))
                .isNull();
        assertThat(fromBytes(good)).isEqualTo(before).isEqualTo(fromTokens(good.getBytes(StandardCharsets.UTF_8)));
    }

    @DynamoDbBean
    public static class Outer {
        private String id;
        private Inner inner;
        private List<Inner> inners;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public Inner getInner() {
            return inner;
        }

        public void setInner(Inner inner) {
            this.inner = inner;
        }

        public List<Inner> getInners() {
            return inners;
        }

        public void setInners(List<Inner> inners) {
            this.inners = inners;
        }
    }

    @DynamoDbBean
    public static class Inner {
        private String label;

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }
    }

    @Test
    void namesComeAsTheSchemasOwnStringsDownToNestedBeansAndOthersAsRead() {
        TableSchema<Outer> schema = TableSchema.fromBean(Outer.class);
        // the nested bean's schema, as the outer schema's converter for it holds it
        List<String> innerNames = schema.converterForAttribute("inner")
                .type()
                .tableSchema()
                .orElseThrow()
                .attributeNames();
        byte[] image = ("{\"id\":{\"S\":\"o\"},\"inner\":{\"M\":{\"label\":{\"S\":\"x\"}}},"
                        + "\"inners\":{\"L\":[{\"M\":{\"label\":{\"S\":\"y\"}}}]},\"extra\":{\"S\":\"z\"}}")
                .getBytes(StandardCharsets.UTF_8);

        Map<String, AttributeValue> read = SdkJsonBytes.readItem(
                new ImageBytes().reset(image, 0, image.length, 64, 50_000, 20_000_000), SchemaNames.of(schema));

        assertThat(read).isEqualTo(fromTokens(image));
        assertThat(read.keySet()).containsExactly("id", "inner", "inners", "extra");
        List<String> schemaNames = schema.attributeNames();
        assertThat(read.keySet().stream().filter(n -> schemaNames.stream().anyMatch(s -> s == n)))
                .as("the schema's own instances")
                .containsExactly("id", "inner", "inners");
        String label = innerNames.get(0);
        assertThat(read.get("inner").m().keySet().iterator().next()).isSameAs(label);
        assertThat(read.get("inners").l().get(0).m().keySet().iterator().next()).isSameAs(label);
        assertThat(schema.mapToItem(read).getInners().get(0).getLabel()).isEqualTo("y");
    }

    @Test
    void namesExpectedAtAPlaceAreCheckedByteForByte() {
        // The reader expects at each place the name it saw there last; none of these may be taken for it.
        fromBytes("{\"status\":{\"S\":\"a\"},\"total\":{\"N\":\"1\"}}");
        for (String image : List.of(
                "{\"stat\":{\"S\":\"b\"},\"total\":{\"N\":\"2\"}}",
                "{\"statusX\":{\"S\":\"c\"},\"totals\":{\"N\":\"3\"}}",
                "{\"total\":{\"N\":\"4\"},\"status\":{\"S\":\"d\"}}",
                "{\"statuS\":{\"S\":\"e\"},\"t\\u006ftal\":{\"N\":\"5\"}}",
                "{\"status\":{\"S\":\"f\"},\"total\":{\"N\":\"6\"}}")) {
            byte[] bytes = image.getBytes(StandardCharsets.UTF_8);
            Map<String, AttributeValue> read = fromBytes(bytes, 64);
            Map<String, AttributeValue> tokens = fromTokens(bytes);
            if (read == null) {
                assertThat(image)
                        .as("only the escaped name leaves an image to the tokens")
                        .contains("\\u");
            } else {
                assertThat(read).as(image).isEqualTo(tokens);
                assertThat(read.keySet()).as(image).containsExactlyElementsOf(tokens.keySet());
            }
        }
    }
}
