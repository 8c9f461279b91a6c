package io.github.dynastream.enhanced;

import io.github.dynastream.internal.DynamoNumbers;
import io.github.dynastream.internal.ImageBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads an image's DynamoDB JSON from the event's bytes straight into SDK attribute values, without
 * the event parser's tokens: the JSON of images is regular (every value an object with one type key),
 * so a reader that knows it does less per byte than a general tokenizer, and makes no string it does
 * not keep. It reads what DynamoDB and Lambda write: UTF-8 without escapes. Anything else (an escape,
 * JSON it does not expect, malformed UTF-8, a limit reached) makes it return null having kept
 * nothing, and the image is read by {@link SdkJsonReader} over the event parser's tokens, which
 * handles every valid form and leaves what is wrong to the decoding path that reports it. So the
 * values it returns are always those {@link SdkJsonReader} would return.
 *
 * <p>It checks the JSON it reads as strictly as the tokenizer would (whitespace, separators,
 * literals, UTF-8) and stays within the parser's limits (nesting, string and name lengths). It
 * recurses once per nested map or list, never deeper than the nesting limit.
 */
final class SdkJsonBytes {
    private static final ThreadLocal<SdkJsonBytes> READERS = ThreadLocal.withInitial(SdkJsonBytes::new);

    /** Attribute names seen recently, by hash: images of one table repeat the same few dozen. */
    private static final int NAME_SLOTS = 256;

    /** Places whose names are predicted: 32 per JSON depth, the depths wrapping round. */
    private static final int PREDICTIONS = 512;

    // type keys, as their bytes packed into an int
    private static final int S = 'S';
    private static final int N = 'N';
    private static final int B = 'B';
    private static final int M = 'M';
    private static final int L = 'L';
    private static final int SS = 'S' << 8 | 'S';
    private static final int NS = 'N' << 8 | 'S';
    private static final int BS = 'B' << 8 | 'S';
    private static final int BOOL = 'B' << 24 | 'O' << 16 | 'O' << 8 | 'L';
    private static final int NULL = 'N' << 24 | 'U' << 16 | 'L' << 8 | 'L';

    private final SdkValues values = new SdkValues();
    private final String[] names = new String[NAME_SLOTS];
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];

    /**
     * The name each place in an image had last time, by JSON depth and position in its object:
     * images of one table mostly list their attributes in the same order, so the next name is
     * usually the one expected there, and comparing its bytes is all it takes to know.
     */
    private final String[] predicted = new String[PREDICTIONS];

    private final byte[][] predictedBytes = new byte[PREDICTIONS][];
    private char[] numberChars = new char[64];

    private SchemaNames schemaNames;
    private byte[] in;
    private int pos;
    private int limit;
    private int depth;
    private int maxDepth;
    private int maxNameLength;
    private int maxStringLength;
    private int newlines;
    private int lastLineStart;

    private SdkJsonBytes() {}

    /**
     * Reads the image at the bytes' offset and reports its end to them; null, reporting nothing, when
     * the image is left to {@link SdkJsonReader}.
     */
    static Map<String, AttributeValue> readItem(ImageBytes image) {
        return readItem(image, null);
    }

    /**
     * {@link #readItem(ImageBytes)}, handing out the schema's own instances of its attribute names
     * where the image has them.
     */
    static Map<String, AttributeValue> readItem(ImageBytes image, SchemaNames schemaNames) {
        return READERS.get().read(image, schemaNames);
    }

    private Map<String, AttributeValue> read(ImageBytes image, SchemaNames schemaNames) {
        this.schemaNames = schemaNames;
        in = image.source();
        pos = image.offset();
        limit = image.limit();
        depth = 0;
        maxDepth = image.maxJsonDepth();
        maxNameLength = image.maxNameLength();
        maxStringLength = image.maxStringLength();
        newlines = 0;
        lastLineStart = -1;
        try {
            if (pos >= limit || in[pos] != '{') {
                return null;
            }
            AttributeMap item = new AttributeMap(16);
            if (!fill(item)) {
                return null;
            }
            image.ended(pos, newlines, lastLineStart);
            return item;
        } catch (RuntimeException e) {
            // Not expected; the values built so far are dropped and the image is read the other way.
            values.discardScratch();
            return null;
        } finally {
            in = null;
            this.schemaNames = null;
        }
    }

    // Compact JSON, as Lambda delivers events, has no whitespace between tokens: the reading below
    // tests the byte it expects in place and calls peek() (whitespace, the end of the input) only
    // when that byte is not there. The method calls this saves are most of what a token costs here.

    /** Reads the object whose opening brace is at the position, to just past its closing brace. */
    private boolean fill(AttributeMap into) {
        pos++;
        int c = peek();
        if (c == '}') {
            pos++;
            return true;
        }
        int prediction = (depth * 32) & (PREDICTIONS - 1);
        while (true) {
            if (c != '"') {
                return false;
            }
            String name = name(prediction);
            prediction = (prediction + 1) & (PREDICTIONS - 1);
            if (name == null) {
                return false;
            }
            if (pos < limit && in[pos] == ':') {
                pos++;
            } else if (peek() == ':') {
                pos++;
            } else {
                return false;
            }
            AttributeValue value = value();
            if (value == null) {
                return false;
            }
            into.add(name, value);
            c = pos < limit && (in[pos] == ',' || in[pos] == '}') ? in[pos] : peek();
            pos++;
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            c = pos < limit && in[pos] == '"' ? '"' : peek();
        }
    }

    /** One attribute value: an object with a single type key. */
    private AttributeValue value() {
        byte[] b = in;
        int p = pos;
        if (p >= limit || b[p] != '{') {
            if (peek() != '{') {
                return null;
            }
            p = pos;
        }
        if (++depth > maxDepth) {
            return null;
        }
        int type;
        if (p + 4 < limit && b[p + 1] == '"' && b[p + 3] == '"' && b[p + 4] == ':') {
            type = b[p + 2]; // {"S": and the other one-letter types, in place
            pos = p + 5;
        } else {
            pos = p + 1;
            if (peek() != '"') {
                return null;
            }
            type = typeKey();
            if (type == 0 || peek() != ':') {
                return null;
            }
            pos++;
        }
        int c = pos < limit && b[pos] > ' ' ? b[pos] : peek();
        AttributeValue value;
        switch (type) {
            case S -> value = c == '"' ? stringValue() : null;
            case N -> value = c == '"' ? number() : null;
            case B -> {
                String text = c == '"' ? string(maxStringLength) : null;
                value = text == null ? null : SdkValues.binary(text);
            }
            case BOOL -> value = literal("true") ? SdkValues.TRUE : literal("false") ? SdkValues.FALSE : null;
            case NULL -> value = literal("true") ? SdkValues.NUL : null;
            case M -> value = c == '{' ? map() : null;
            case L -> value = c == '[' ? list() : null;
            case SS -> value = c == '[' ? set("SS", false) : null;
            case NS -> value = c == '[' ? set("NS", true) : null;
            case BS -> value = c == '[' ? set("BS", false) : null;
            default -> value = null;
        }
        if (value == null) {
            return null;
        }
        if (pos < limit && b[pos] == '}') {
            pos++;
        } else if (peek() == '}') {
            pos++;
        } else {
            return null;
        }
        depth--;
        return value;
    }

    private AttributeValue stringValue() {
        String text = string(maxStringLength);
        return text == null ? null : values.string(text);
    }

    private AttributeValue number() {
        String text = plainNumber();
        if (text == null) {
            text = string(maxStringLength);
            if (text == null || !isDynamoNumber(text)) {
                return null;
            }
        }
        return values.number(text);
    }

    /**
     * The number at the position (on its opening quote) when it is plainly within DynamoDB's rules:
     * an optional minus, 1 to 38 digits with at most one point between them and no exponent (so at
     * most 38 significant digits, and a magnitude well inside DynamoDB's range); else null, having
     * moved nothing.
     */
    private String plainNumber() {
        byte[] b = in;
        int start = pos + 1;
        int p = start;
        int end = Math.min(limit, start + 41); // a minus, 38 digits, a point and the quote
        if (p < end && b[p] == '-') {
            p++;
        }
        int digits = 0;
        boolean point = false;
        for (; p < end; p++) {
            int c = b[p];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point && digits > 0) {
                point = true;
            } else {
                break;
            }
        }
        if (p >= end
                || b[p] != '"'
                || digits == 0
                || digits > DynamoNumbers.MAX_DIGITS
                || b[p - 1] == '.'
                || p - start > maxStringLength) {
            return null;
        }
        pos = p + 1;
        return new String(b, start, p - start, StandardCharsets.ISO_8859_1);
    }

    private AttributeValue map() {
        if (++depth > maxDepth) {
            return null;
        }
        AttributeMap scratch = values.openMap();
        AttributeValue map = values.closeMap(scratch, fill(scratch));
        depth--;
        return map;
    }

    private AttributeValue list() {
        if (++depth > maxDepth) {
            return null;
        }
        List<AttributeValue> elements = values.openList();
        AttributeValue list = values.closeList(elements, elements(elements));
        depth--;
        return list;
    }

    /** The elements of the list whose opening bracket is at the position, to just past its end. */
    private boolean elements(List<AttributeValue> elements) {
        pos++;
        int c = peek();
        if (c == ']') {
            pos++;
            return true;
        }
        while (true) {
            AttributeValue element = value();
            if (element == null) {
                return false;
            }
            elements.add(element);
            c = pos < limit && (in[pos] == ',' || in[pos] == ']') ? in[pos] : peek();
            pos++;
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** A set's members: strings (numbers in {@code NS} quoted, as DynamoDB writes them). */
    private AttributeValue set(String type, boolean numbers) {
        if (++depth > maxDepth) {
            return null;
        }
        List<String> members = values.openSet();
        pos++;
        int c = peek();
        if (c == ']') {
            pos++;
        } else {
            while (true) {
                String member = c == '"' ? string(maxStringLength) : null;
                if (member == null || (numbers && !isDynamoNumber(member))) {
                    return null;
                }
                members.add(member);
                c = peek();
                pos++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    return null;
                }
                c = peek();
            }
        }
        depth--;
        return values.set(type, members);
    }

    /** The type key at the position (on its quote) as its packed bytes, or 0 if it is none. */
    private int typeKey() {
        byte[] b = in;
        int p = pos + 1;
        int key = 0;
        for (int n = 0; p < limit && b[p] != '"'; n++, p++) {
            if (n == 4) {
                return 0;
            }
            key = key << 8 | (b[p] & 0xFF);
        }
        if (p >= limit) {
            return 0;
        }
        pos = p + 1;
        return switch (key) {
            case S, N, B, M, L, SS, NS, BS, BOOL, NULL -> key;
            default -> 0;
        };
    }

    /** Whether the literal is at the position, stepping over it if so. */
    private boolean literal(String literal) {
        int length = literal.length();
        if (limit - pos < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        pos += length;
        return true;
    }

    /**
     * An attribute name at the position (on its opening quote): one pass that hashes it as it scans,
     * for the names seen before to come from the cache; names with other than printable ASCII take
     * the general path.
     */
    private String name(int prediction) {
        byte[] b = in;
        int end = limit;
        int start = pos + 1;
        byte[] expected = predictedBytes[prediction];
        if (expected != null) {
            int length = expected.length;
            int quote = start + length;
            if (quote < end && b[quote] == '"' && length <= maxNameLength) {
                int i = 0;
                while (i < length && expected[i] == b[start + i]) {
                    i++;
                }
                if (i == length) {
                    pos = quote + 1;
                    return predicted[prediction];
                }
            }
        }
        int p = start;
        int hash = 0;
        while (p < end) {
            int c = b[p];
            if (c == '"') {
                int length = p - start;
                if (length > maxNameLength) {
                    return null;
                }
                pos = p + 1;
                int known = schemaNames == null ? -1 : schemaNames.indexOf(b, start, length, hash);
                if (known >= 0) {
                    predicted[prediction] = schemaNames.name(known);
                    predictedBytes[prediction] = schemaNames.bytes(known);
                } else {
                    int slot = cached(b, start, length, hash);
                    predicted[prediction] = names[slot];
                    predictedBytes[prediction] = nameBytes[slot];
                }
                return predicted[prediction];
            }
            if (c < 0x20 || c == '\\') {
                // escapes and control characters end in null, UTF-8 is decoded: the general path says which
                return string(maxNameLength);
            }
            hash = 31 * hash + c;
            p++;
        }
        return null;
    }

    /**
     * The string at the position (on its opening quote), the position then just past its closing
     * quote; null if it has an escape or a control character, is not well-formed UTF-8, or is longer
     * than the limit (counted in bytes, which are never fewer than its characters).
     */
    private String string(int maxLength) {
        byte[] b = in;
        int end = limit;
        int start = pos + 1;
        int p = start;
        boolean ascii = true;
        while (true) {
            if (p >= end) {
                return null;
            }
            int c = b[p];
            if (c == '"') {
                break;
            }
            if (c < 0) {
                int n = utf8Sequence(b, p, end);
                if (n < 0) {
                    return null;
                }
                p += n;
                ascii = false;
            } else if (c < 0x20 || c == '\\') {
                return null;
            } else {
                p++;
            }
        }
        pos = p + 1;
        int length = p - start;
        if (length > maxLength) {
            return null;
        }
        if (!ascii) {
            return new String(b, start, length, StandardCharsets.UTF_8);
        }
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Where the ASCII attribute name with these bytes is in the cache ({@link #names}, {@link
     * #nameBytes}): the same {@code String} as the last time these bytes were one.
     */
    private int cached(byte[] b, int start, int length, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (NAME_SLOTS - 1);
        byte[] known = nameBytes[slot];
        if (known != null && known.length == length) {
            int i = 0;
            while (i < length && known[i] == b[start + i]) {
                i++;
            }
            if (i == length) {
                return slot;
            }
        }
        names[slot] = new String(b, start, length, StandardCharsets.ISO_8859_1);
        nameBytes[slot] = Arrays.copyOfRange(b, start, start + length);
        return slot;
    }

    /**
     * How many bytes the UTF-8 sequence of more than one byte at {@code p} has, or -1 if it is not
     * well formed: overlong forms, surrogates and code points beyond U+10FFFF are not, as for the
     * JDK's decoder.
     */
    private static int utf8Sequence(byte[] b, int p, int end) {
        int lead = b[p] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return p + 1 < end && continuation(b[p + 1]) ? 2 : -1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            if (p + 2 >= end) {
                return -1;
            }
            int second = b[p + 1] & 0xFF;
            boolean ok = lead == 0xE0
                    ? second >= 0xA0 && second <= 0xBF
                    : lead == 0xED ? second >= 0x80 && second <= 0x9F : continuation(b[p + 1]);
            return ok && continuation(b[p + 2]) ? 3 : -1;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            if (p + 3 >= end) {
                return -1;
            }
            int second = b[p + 1] & 0xFF;
            boolean ok = lead == 0xF0
                    ? second >= 0x90 && second <= 0xBF
                    : lead == 0xF4 ? second >= 0x80 && second <= 0x8F : continuation(b[p + 1]);
            return ok && continuation(b[p + 2]) && continuation(b[p + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** {@link #skipWhitespace()}, short enough to be inlined for the usual case of no whitespace. */
    private int peek() {
        int p = pos;
        if (p < limit) {
            int c = in[p] & 0xFF;
            if (c > ' ') {
                return c;
            }
        }
        return skipWhitespace();
    }

    /**
     * Steps over JSON whitespace, counting line feeds; returns the byte it stops on (0-255, not
     * stepped over), or -1 at the end of the input or on a control character JSON does not allow.
     */
    private int skipWhitespace() {
        byte[] b = in;
        int p = pos;
        int end = limit;
        try {
            while (p < end) {
                int c = b[p] & 0xFF;
                if (c > ' ') {
                    return c;
                }
                if (c == '\n') {
                    newlines++;
                    lastLineStart = p + 1;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    return -1;
                }
                p++;
            }
            return -1;
        } finally {
            pos = p;
        }
    }

    /** Whether a number's text keeps DynamoDB's rules; the decoding path says why not. */
    private boolean isDynamoNumber(String text) {
        int length = text.length();
        if (length > DynamoNumbers.MAX_LENGTH) {
            return false;
        }
        if (length > numberChars.length) {
            numberChars = new char[DynamoNumbers.MAX_LENGTH];
        }
        text.getChars(0, length, numberChars, 0);
        return DynamoNumbers.problem(numberChars, 0, length) == null;
    }
}
