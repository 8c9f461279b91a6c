package io.github.dynastream.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.dynastream.internal.ImageBytes;
import io.github.dynastream.internal.RawImageBytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A raw image hands dynastream's readers its bytes, with the limits its own parser applies. */
class RawImageBytesTest {
    private static final byte[] EVENT = "{\"NewImage\":{\"a\":{\"S\":\"x\"}},\"b\":1}".getBytes(StandardCharsets.UTF_8);
    private static final int OFFSET = "{\"NewImage\":".length();
    private static final int LENGTH = "{\"a\":{\"S\":\"x\"}}".length();

    private static RawImage image(JsonFactory factory, int levels) {
        return new RawImage(factory, EVENT, OFFSET, LENGTH, levels, Map::of);
    }

    @Test
    void theBytesAreTheImagesWithItsParsersLimits() {
        ImageBytes bytes = RawImageBytes.of(image(new EventJsonFactory(), 32));

        assertThat(bytes.source()).isSameAs(EVENT);
        assertThat(bytes.offset()).isEqualTo(OFFSET);
        assertThat(bytes.limit()).isEqualTo(OFFSET + LENGTH);
        assertThat(bytes.source()[bytes.limit() - 1]).isEqualTo((byte) '}');
        assertThat(bytes.maxJsonDepth())
                .as("two JSON levels per attribute level")
                .isEqualTo(64);
        StreamReadConstraints defaults = StreamReadConstraints.defaults();
        assertThat(bytes.maxNameLength()).isEqualTo(defaults.getMaxNameLength());
        assertThat(bytes.maxStringLength()).isEqualTo(defaults.getMaxStringLength());
        assertThat(bytes.end()).as("nothing read yet").isEqualTo(-1);
    }

    @Test
    void theParsersOwnNestingLimitBoundsTheDepthToo() {
        JsonFactory shallow = new EventJsonFactory();
        shallow.setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(10).build());

        assertThat(RawImageBytes.of(image(shallow, 32)).maxJsonDepth()).isEqualTo(9);
    }

    @Test
    void settingsAReaderOfBytesCannotHonourKeepItOut() {
        JsonFactory counting = new EventJsonFactory();
        counting.setStreamReadConstraints(
                StreamReadConstraints.builder().maxTokenCount(10_000).build());
        JsonFactory strict = new EventJsonFactory();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

        assertThat(RawImageBytes.of(image(counting, 32))).isNull();
        assertThat(RawImageBytes.of(image(strict, 32))).isNull();
        assertThat(RawImageBytes.of(image(null, 32))).isNull();
    }
}
