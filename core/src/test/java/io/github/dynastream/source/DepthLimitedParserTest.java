package io.github.dynastream.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.internal.DepthLimitedParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An image is read through a parser that will not go deeper than the attribute limit: the event's own
 * parser limits itself, any other parser gets a delegate that does. Either way the limit counts from
 * the image's braces, and the parser reads on normally once it is lifted.
 */
class DepthLimitedParserTest {
    /** Two attribute levels: {@code a} and, inside its map, {@code b}. */
    private static final String TWO_LEVELS = "{\"a\":{\"M\":{\"b\":{\"S\":\"x\"}}}}";

    private static final String THREE_LEVELS = "{\"a\":{\"M\":{\"b\":{\"L\":[{\"S\":\"x\"}]}}}}";

    private static List<JsonFactory> factories() {
        return List.of(new EventJsonFactory(), new JsonFactory());
    }

    private static JsonParser parser(JsonFactory factory, String json) throws IOException {
        return factory.createParser(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void readAll(JsonParser parser) throws IOException {
        while (parser.nextToken() != null) {
            // every token, nothing else
        }
    }

    @Test
    void anImageParserReadsUpToTheLimitAndNoFurther() throws IOException {
        for (JsonFactory factory : factories()) {
            try (JsonParser limited = DepthLimitedParser.limit(parser(factory, TWO_LEVELS), 2)) {
                readAll(limited);
            }
            try (JsonParser limited = DepthLimitedParser.limit(parser(factory, THREE_LEVELS), 2)) {
                assertThatThrownBy(() -> readAll(limited))
                        .as(factory.getClass().getSimpleName())
                        .isInstanceOf(DepthLimitedParser.TooDeep.class);
            }
        }
    }

    @Test
    void theEventsParserLimitsItselfWithoutADelegate() throws IOException {
        try (JsonParser parser = parser(new EventJsonFactory(), TWO_LEVELS)) {
            assertThat(DepthLimitedParser.limit(parser, 2)).isSameAs(parser);
        }
        try (JsonParser parser = parser(new JsonFactory(), TWO_LEVELS)) {
            assertThat(DepthLimitedParser.limit(parser, 2)).isNotSameAs(parser);
        }
    }

    /** An image inside an event: the limit counts from its braces, and is lifted to read on. */
    @Test
    void theLimitCountsFromTheImageAndIsLiftedToReadOnPastIt() throws IOException {
        String event = "{\"x\":{\"y\":{\"image\":" + THREE_LEVELS + ",\"after\":[[[[1]]]]}}}";
        for (JsonFactory factory : factories()) {
            try (JsonParser parser = parser(factory, event)) {
                while (!"image".equals(parser.currentName()) || parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.nextToken();
                }
                JsonParser limited = DepthLimitedParser.limit(parser, 2);

                assertThatThrownBy(() -> readAll(limited)).isInstanceOf(DepthLimitedParser.TooDeep.class);
                DepthLimitedParser.lift(parser);
                readAll(parser);
                assertThat(parser.currentToken()).isNull();
            }
        }
    }

    @Test
    void everyWayToTheNextTokenIsChecked() throws IOException {
        String deep = "{\"a\":[[[[1]]]]}";
        try (JsonParser parser = parser(new EventJsonFactory(), deep)) {
            JsonParser limited = DepthLimitedParser.limit(parser, 1);
            assertThat(limited.nextFieldName()).isNull(); // the image's opening brace
            assertThat(limited.nextFieldName()).isEqualTo("a");
            assertThat(limited.nextTextValue()).isNull(); // [ at depth 2: allowed (one level is two)
            assertThat(limited.nextIntValue(0)).isZero(); // [ at depth 3: allowed
            assertThatThrownBy(limited::nextBooleanValue).isInstanceOf(DepthLimitedParser.TooDeep.class);
        }
    }
}
