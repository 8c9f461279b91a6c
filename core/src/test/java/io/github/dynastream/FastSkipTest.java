package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
