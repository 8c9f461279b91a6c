package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Skipping an object by scanning its bytes leaves the parser exactly where tokenizing it would: the
 * same tokens, texts and locations (byte offset, line, column) follow.
 */
class FastSkipProperties {
    private final EventJsonFactory factory = new EventJsonFactory();

    @Property(tries = 400, seed = "5772156")
    void skippingByScanEqualsSkippingByTokens(
            @ForAll("objects") Object skipped, @ForAll boolean pretty, @ForAll @IntRange(max = 3) int depth)
            throws IOException {
        byte[] json = document(skipped, pretty, depth);

        assertThat(tokensAfterSkip(json, true)).isEqualTo(tokensAfterSkip(json, false));
    }

    /** Tokens after the skipped object, with text and location, skipped either way. */
    private List<String> tokensAfterSkip(byte[] json, boolean byScan) throws IOException {
        List<String> seen = new ArrayList<>();
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals("skipped")) {
                    assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                    if (byScan) {
                        assertThat(((EventJsonFactory.FastSkipParser) parser).skipObject())
                                .isTrue();
                    } else {
                        parser.skipChildren();
                    }
                    token = parser.currentToken();
                }
                JsonLocation at = parser.currentTokenLocation();
                JsonLocation after = parser.currentLocation();
                seen.add(token + " " + (token.isScalarValue() || token == JsonToken.FIELD_NAME ? parser.getText() : "")
                        + " @" + at.getByteOffset() + ":" + at.getLineNr() + ":" + at.getColumnNr()
                        + " .." + after.getByteOffset() + ":" + after.getLineNr() + ":" + after.getColumnNr()
                        + " depth " + parser.getParsingContext().getNestingDepth());
            }
        }
        return seen;
    }

    /** The object to skip, nested in {@code depth} levels, with content before and after it. */
    private byte[] document(Object skipped, boolean pretty, int depth) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            for (int i = 0; i < depth; i++) {
                g.writeStartObject();
                g.writeStringField("before", "x{\"[" + i);
                g.writeFieldName("level" + i);
            }
            g.writeStartObject();
            g.writeNumberField("first", 1);
            g.writeFieldName("skipped");
            write(g, skipped);
            g.writeFieldName("after");
            g.writeStartArray();
            g.writeString("}\\\"]");
            g.writeNumber(2.5);
            g.writeStartObject();
            g.writeBooleanField("k", true);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            for (int i = 0; i < depth; i++) {
                g.writeStringField("tail", "end" + i);
                g.writeEndObject();
            }
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    @Provide
    Arbitrary<Object> objects() {
        return object(3).map(Object.class::cast);
    }

    private Arbitrary<Map<String, Object>> object(int depth) {
        return Arbitraries.maps(strings(), value(depth - 1)).ofMaxSize(4);
    }

    private Arbitrary<Object> value(int depth) {
        List<Arbitrary<Object>> scalars = List.of(
                strings().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just("null-marker").map(x -> (Object) null).injectNull(1.0));
        if (depth <= 0) {
            return Arbitraries.oneOf(scalars);
        }
        List<Arbitrary<Object>> all = new ArrayList<>(scalars);
        all.add(object(depth).map(Object.class::cast));
        all.add(value(depth - 1).list().ofMaxSize(3).map(Object.class::cast));
        return Arbitraries.oneOf(all);
    }

    /** Strings with the characters a scan must respect: quotes, backslashes, brackets, line breaks, non-ASCII. */
    private static Arbitrary<String> strings() {
        return Arbitraries.strings()
                .withChars('a', '"', '\\', '{', '}', '[', ']', '\n', 'é', '€', '/')
                .withCharRange('\u0000', '\u001f')
                .ofMaxLength(6);
    }
}
