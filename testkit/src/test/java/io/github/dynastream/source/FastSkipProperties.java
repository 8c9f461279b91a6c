package io.github.dynastream.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.testkit.Theories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Skipping an object by scanning its bytes leaves the parser exactly where tokenizing it would: the
 * same tokens, texts and locations (byte offset, line, column) follow.
 */
class FastSkipProperties {
    private final EventJsonFactory factory = new EventJsonFactory();

    @Test
    void skippingByScanEqualsSkippingByTokens() {
        Theories.qt(400)
                .forAll(objects(), Generate.booleans(), Generate.range(0, 3))
                .checkAssert((skipped, pretty, depth) -> {
                    try {
                        byte[] json = document(skipped, pretty, depth);

                        assertThat(tokensAfterSkip(json, true)).isEqualTo(tokensAfterSkip(json, false));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
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

    /** Objects nested up to three levels, whose values are any JSON value: what a skip must get past. */
    private Gen<Object> objects() {
        return object(3).map(Object.class::cast);
    }

    /**
     * Up to four fields; a name drawn twice keeps its first value. Built from a list of fields, not
     * QuickTheories' maps, whose collector rejects the null values JSON has.
     */
    private Gen<Map<String, Object>> object(int depth) {
        Gen<Field> field = strings().zip(value(depth - 1), Field::new);
        return lists().of(field).ofSizeBetween(0, 4).map(fields -> {
            Map<String, Object> object = new LinkedHashMap<>();
            fields.forEach(f -> object.putIfAbsent(f.name(), f.value()));
            return object;
        });
    }

    /** A field of a generated object; its value may be null. */
    private record Field(String name, Object value) {}

    private Gen<Object> value(int depth) {
        List<Gen<Object>> scalars = List.of(
                strings().map(Object.class::cast),
                longs().all().map(Object.class::cast),
                Generate.booleans().map(Object.class::cast),
                Generate.constant((Object) null));
        if (depth <= 0) {
            return oneOf(scalars);
        }
        List<Gen<Object>> all = new ArrayList<>(scalars);
        all.add(object(depth).map(Object.class::cast));
        all.add(lists().of(value(depth - 1)).ofSizeBetween(0, 3).map(Object.class::cast));
        return oneOf(all);
    }

    /** Each generator equally likely; shrinking moves towards the first. */
    private static <T> Gen<T> oneOf(List<Gen<T>> gens) {
        return Generate.frequency(gens.stream().map(g -> Pair.of(1, g)).toList());
    }

    /** Strings with the characters a scan must respect: quotes, backslashes, brackets, line breaks, non-ASCII. */
    private static Gen<String> strings() {
        List<Character> chars = new ArrayList<>(List.of('a', '"', '\\', '{', '}', '[', ']', '\n', 'é', '€', '/'));
        for (char c = '\u0000'; c <= '\u001f'; c++) {
            chars.add(c);
        }
        return lists().of(Generate.pick(chars)).ofSizeBetween(0, 6).map(FastSkipProperties::join);
    }

    private static String join(List<Character> chars) {
        StringBuilder s = new StringBuilder(chars.size());
        chars.forEach(s::append);
        return s.toString();
    }
}
