package io.github.dynastream.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.dynastream.internal.ImageBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The processor's parsers skip objects by scanning their bytes, and leave a badly bracketed object to
 * the tokenizer. That a scan leaves the parser where tokenizing would is a property in the testkit's
 * tests ({@code FastSkipProperties}), which have the generators.
 */
class FastSkipTest {
    private final EventJsonFactory factory = new EventJsonFactory();

    @Test
    void theProcessorsParsersSkipByScanning() throws IOException {
        try (JsonParser parser = factory.createParser("{\"a\":{}}".getBytes(StandardCharsets.UTF_8))) {
            assertThat(parser).isInstanceOf(EventJsonFactory.FastSkipParser.class);
        }
    }

    @Test
    void badlyBracketedObjectsAreLeftToTheTokenizerWhichReportsThem() throws IOException {
        for (String broken : List.of("{\"a\":{\"b\":[1}]}", "{\"a\":{\"b\":\"unterminated}}", "{\"a\":{\"b\":{}")) {
            try (JsonParser parser = factory.createParser(broken.getBytes(StandardCharsets.UTF_8))) {
                parser.nextToken();
                parser.nextToken();
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                JsonLocation before = parser.currentLocation();

                assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject())
                        .as(broken)
                        .isFalse();
                assertThat(parser.currentLocation().getByteOffset()).isEqualTo(before.getByteOffset());
                assertThat(parser.currentToken()).isEqualTo(JsonToken.START_OBJECT);
                assertThatThrownBy(parser::skipChildren).isInstanceOf(JsonParseException.class);
            }
        }
    }

    /** A parser on the START_OBJECT of field "a" of {@code {"a":OBJECT,"b":2}}. */
    private static JsonParser onObject(JsonFactory factory, String object) throws IOException {
        JsonParser parser = factory.createParser(("{\"a\":" + object + ",\"b\":2}").getBytes(StandardCharsets.UTF_8));
        parser.nextToken();
        parser.nextToken();
        assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        return parser;
    }

    private static String mixed(int levels) {
        // objects hold their child under "k", arrays hold it as their one element
        StringBuilder json = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            boolean parentIsObject = i == 0 || (i - 1) % 2 == 0;
            if (i > 0 && parentIsObject) {
                json.append("\"k\":");
            }
            boolean array = i % 2 == 1;
            json.append(array ? '[' : '{');
            close.insert(0, array ? ']' : '}');
        }
        return json.append(close).toString();
    }

    @Test
    void theScanFollowsBracketsDeeperThanALongHasBits() throws IOException {
        try (JsonParser parser = onObject(factory, mixed(300))) {
            assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject()).isTrue();
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(parser.currentName()).isEqualTo("b");
        }
        try (JsonParser parser = onObject(factory, mixed(300).replaceFirst("\\]", "}"))) {
            assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject()).isFalse();
        }
    }

    /** A limit, an object the scan must leave to the tokenizer under it, and whether tokenizing rejects it. */
    private record Limited(StreamReadConstraints limits, String object, boolean tokenizerRejects) {}

    /**
     * What tokenizing would reject, the scan leaves to the tokenizer, which then says so. (The
     * tokenizer skips a long value string without measuring it; the scan leaves even that to it.)
     */
    @Test
    void theScanAcceptsNothingTheParsersConstraintsReject() throws IOException {
        String longString = "x".repeat(200);
        String longNumber = "1".repeat(200);
        List<Limited> cases = List.of(
                new Limited(StreamReadConstraints.builder().maxNestingDepth(10).build(), mixed(10), true),
                new Limited(
                        StreamReadConstraints.builder().maxNameLength(100).build(),
                        "{\"" + longString + "\" :1}",
                        true),
                new Limited(
                        StreamReadConstraints.builder().maxNumberLength(100).build(),
                        "{\"n\":[" + longNumber + "]}",
                        true),
                new Limited(
                        StreamReadConstraints.builder().maxNumberLength(100).build(),
                        "{\"n\":1." + longNumber + "}",
                        true),
                new Limited(StreamReadConstraints.builder().maxTokenCount(5).build(), "{\"a\":[1,2,3,4,5,6]}", true),
                new Limited(
                        StreamReadConstraints.builder().maxStringLength(100).build(),
                        "{\"s\":\"" + longString + "\"}",
                        false));
        for (Limited limited : cases) {
            JsonFactory factory = new EventJsonFactory().setStreamReadConstraints(limited.limits());
            try (JsonParser parser = onObject(factory, limited.object())) {
                JsonLocation before = parser.currentLocation();

                assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject())
                        .as(limited.object())
                        .isFalse();
                assertThat(parser.currentLocation().getByteOffset()).isEqualTo(before.getByteOffset());
                if (limited.tokenizerRejects()) {
                    assertThatThrownBy(parser::skipChildren)
                            .as(limited.object())
                            .isInstanceOf(StreamConstraintsException.class);
                }
            }
            try (JsonParser parser = onObject(this.factory, limited.object())) {
                assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject())
                        .as("%s under the default limits", limited.object())
                        .isTrue();
            }
        }
        JsonFactory shortNames = new EventJsonFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNameLength(100).build());
        try (JsonParser parser = onObject(shortNames, "{\"s\":\"" + longString + "\"}")) {
            assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject())
                    .as("a value string may be longer than a name")
                    .isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void nestingBeyondJacksonsLimitIsNotScannedPastButReported() throws IOException {
        try (JsonParser parser = onObject(factory, "{\"x\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}")) {
            assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject()).isFalse();
            assertThatThrownBy(parser::skipChildren)
                    .isInstanceOf(StreamConstraintsException.class)
                    .hasMessageContaining("nesting depth");
        }
    }

    /**
     * A reader of image bytes for these tests: it takes objects whose only strings are single
     * letters, finds the closing brace by counting and reports the line feeds it stepped over.
     */
    private static final class CountingReader implements ImageBytes.Reader {
        int maxJsonDepth = -1;

        @Override
        public Object readBytes(ImageBytes image) {
            byte[] b = image.source();
            maxJsonDepth = image.maxJsonDepth();
            int depth = 0;
            int newlines = 0;
            int lastLineStart = -1;
            for (int p = image.offset(); p < image.limit(); p++) {
                switch (b[p]) {
                    case '"' -> {
                        if (p + 2 >= image.limit() || b[p + 2] != '"') {
                            return null;
                        }
                        p += 2;
                    }
                    case '{', '[' -> depth++;
                    case '}', ']' -> {
                        if (--depth == 0) {
                            image.ended(p + 1, newlines, lastLineStart);
                            return "read";
                        }
                    }
                    case '\n' -> {
                        newlines++;
                        lastLineStart = p + 1;
                    }
                    default -> {}
                }
            }
            return null;
        }
    }

    @Test
    void anImageReadFromItsBytesLeavesTheParserWhereTokenizingWould() throws IOException {
        String event = "{\"a\":{\"x\":\n  [1,\n  {}]\n},\n \"b\":2}";
        JsonLocation tokenized;
        try (JsonParser parser = onObjectOf(new JsonFactory(), event)) {
            parser.skipChildren();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            tokenized = parser.currentLocation();
        }
        try (JsonParser parser = onObjectOf(factory, event)) {
            CountingReader reader = new CountingReader();
            assertThat(EventJsonFactory.readImage(parser, reader, 3)).isEqualTo("read");
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(reader.maxJsonDepth).isEqualTo(6);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(parser.currentName()).isEqualTo("b");
            JsonLocation location = parser.currentLocation();
            assertThat(location.getLineNr()).isEqualTo(tokenized.getLineNr()).isEqualTo(5);
            assertThat(location.getColumnNr()).isEqualTo(tokenized.getColumnNr());
            assertThat(location.getByteOffset()).isEqualTo(tokenized.getByteOffset());
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            assertThat(parser.getIntValue()).isEqualTo(2);
        }
    }

    @Test
    void anImageTheReaderDoesNotTakeLeavesTheParserOnItsOpeningBrace() throws IOException {
        try (JsonParser parser = onObject(factory, "{\"x\":\"longer\"}")) {
            JsonLocation before = parser.currentLocation();
            assertThat(EventJsonFactory.readImage(parser, new CountingReader(), 3))
                    .isNull();
            assertThat(parser.currentToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(parser.currentLocation().getByteOffset()).isEqualTo(before.getByteOffset());
            parser.skipChildren();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
        }
    }

    @Test
    void aReaderMayNotSayAnImageEndsAnywhereButOnAClosingBrace() throws IOException {
        try (JsonParser parser = onObject(factory, "{\"x\":1}")) {
            ImageBytes.Reader liar = image -> {
                image.ended(image.offset() + 2, 0, -1);
                return "read";
            };
            assertThatThrownBy(() -> EventJsonFactory.readImage(parser, liar, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("closing brace");
        }
    }

    @Test
    void onlyTheProcessorsOwnParsersHandOutTheirBytes() throws IOException {
        try (JsonParser parser = onObject(new JsonFactory(), "{}")) {
            assertThat(EventJsonFactory.readImage(parser, new CountingReader(), 3))
                    .isNull();
        }
        JsonFactory counting = new EventJsonFactory();
        counting.setStreamReadConstraints(
                StreamReadConstraints.builder().maxTokenCount(1_000_000).build());
        try (JsonParser parser = onObject(counting, "{}")) {
            assertThat(EventJsonFactory.readImage(parser, new CountingReader(), 3))
                    .as("a token limit the reader cannot count")
                    .isNull();
        }
        JsonFactory strict = new EventJsonFactory();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (JsonParser parser = onObject(strict, "{}")) {
            assertThat(EventJsonFactory.readImage(parser, new CountingReader(), 3))
                    .as("duplicate names the reader does not detect")
                    .isNull();
        }
    }

    /** A parser on the START_OBJECT of field "a" of the given event. */
    private static JsonParser onObjectOf(JsonFactory factory, String event) throws IOException {
        JsonParser parser = factory.createParser(event.getBytes(StandardCharsets.UTF_8));
        parser.nextToken();
        parser.nextToken();
        assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        return parser;
    }
}
