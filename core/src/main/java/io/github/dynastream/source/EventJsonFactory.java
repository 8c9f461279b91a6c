package io.github.dynastream.source;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import io.github.dynastream.internal.DepthLimitedParser;
import io.github.dynastream.internal.ImageBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * The processor's {@link JsonFactory}: its parsers over UTF-8 byte arrays can skip an object by
 * scanning its bytes for the closing brace, instead of tokenizing everything inside it. Images no
 * handler reads are skipped that way, which is most of what a {@code NEW_AND_OLD_IMAGES} event holds
 * beyond the images handlers do read.
 *
 * <p>The skip works on jackson-core's parser through its subclassing fields. At start-up it checks
 * itself on a sample event; if the jackson-core on the classpath behaves differently, or the input
 * is not plain UTF-8, parsers are jackson-core's own and objects are skipped with {@link
 * JsonParser#skipChildren()}.
 */
final class EventJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;
    private static final boolean FAST_SKIP = fastSkipWorks();

    /** Whether the parser subclass loads and behaves on the jackson-core at hand. */
    private static boolean fastSkipWorks() {
        try {
            return FastSkipParser.selfCheck();
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Skips the object the parser is on (its START_OBJECT) to its END_OBJECT, by a byte scan when the
     * parser can, else by tokenizing it.
     */
    static void skipObject(JsonParser parser) throws IOException {
        if (!FAST_SKIP || !(parser instanceof FastSkipParser fast) || !fast.skipObject()) {
            parser.skipChildren();
        }
    }

    /** The parser as the processor's own, when it is one that works on this jackson-core; else null. */
    static FastSkipParser fast(JsonParser parser) {
        return FAST_SKIP && parser instanceof FastSkipParser fast ? fast : null;
    }

    /**
     * Maps the object the parser is on (its START_OBJECT) from the event's bytes with the reader, and
     * moves to its END_OBJECT as {@link #skipObject} does; null, with the parser where it was, when
     * the parser cannot hand out its bytes or the reader does not map the object.
     *
     * @param levels the deepest attribute level the reader may enter, a top-level attribute being 1
     */
    static Object readImage(JsonParser parser, ImageBytes.Reader reader, int levels) {
        return FAST_SKIP && parser instanceof FastSkipParser fast ? fast.readImage(reader, levels) : null;
    }

    /**
     * The byte offset at which the current token (not a field name) starts, as {@code
     * currentTokenLocation().getByteOffset()} gives it, without the {@code JsonLocation} that creates.
     */
    static long tokenStartOffset(JsonParser parser) {
        return FAST_SKIP && parser instanceof FastSkipParser fast
                ? fast.tokenStart()
                : parser.currentTokenLocation().getByteOffset();
    }

    /** The byte offset just past the current token, as {@code currentLocation().getByteOffset()} gives it. */
    static long endOffset(JsonParser parser) {
        return FAST_SKIP && parser instanceof FastSkipParser fast
                ? fast.position()
                : parser.currentLocation().getByteOffset();
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext context) throws IOException {
        if (!FAST_SKIP || !plainUtf8(data, offset, len)) {
            return super._createParser(data, offset, len, context);
        }
        return fastSkipParser(data, offset, len, context);
    }

    /** Typed as {@link JsonParser}, so that this class links even where the subclass cannot. */
    private JsonParser fastSkipParser(byte[] data, int offset, int len, IOContext context) {
        context.setEncoding(JsonEncoding.UTF8);
        return FastSkipParser.create(
                context,
                _parserFeatures,
                _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                data,
                offset,
                offset + len);
    }

    /** The processor's own parser over a sample, for the start-up self-checks. */
    private JsonParser sampleParser(byte[] sample) {
        return fastSkipParser(sample, 0, sample.length, _createContext(_createContentReference(sample), false));
    }

    /** UTF-8 without a byte order mark: no NUL in the first bytes (UTF-16 and UTF-32 have them). */
    private static boolean plainUtf8(byte[] data, int offset, int len) {
        if (len >= 3 && (data[offset] & 0xFF) == 0xEF && (data[offset + 1] & 0xFF) == 0xBB) {
            return false;
        }
        for (int i = offset; i < offset + Math.min(len, 4); i++) {
            if (data[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * jackson-core's UTF-8 parser over a byte array, plus {@link #skipObject()} and a nesting limit
     * of its own for reading one image ({@link DepthLimitedParser.Limitable}).
     */
    static final class FastSkipParser extends UTF8StreamJsonParser implements DepthLimitedParser.Limitable {
        private int maxJsonDepth = Integer.MAX_VALUE;
        private ImageBytes image;

        private FastSkipParser(
                IOContext context,
                int features,
                com.fasterxml.jackson.core.ObjectCodec codec,
                ByteQuadsCanonicalizer names,
                byte[] data,
                int start,
                int end) {
            super(context, features, null, codec, names, data, start, end, false);
        }

        static JsonParser create(
                IOContext context,
                int features,
                com.fasterxml.jackson.core.ObjectCodec codec,
                ByteQuadsCanonicalizer names,
                byte[] data,
                int start,
                int end) {
            return new FastSkipParser(context, features, codec, names, data, start, end);
        }

        /** As {@code currentTokenLocation()} computes it for a token that is not a field name. */
        long tokenStart() {
            return _tokenInputTotal - 1;
        }

        long position() {
            return _currInputProcessed + _inputPtr;
        }

        @Override
        public void limitNesting(int maxJsonDepth) {
            this.maxJsonDepth = maxJsonDepth;
        }

        // jackson-core opens a context just before it returns the START token from every next...()
        // method; the token is set here as those would set it, so that after TooDeep the parser is
        // on the opening bracket as usual and reading can go on past the image.

        @Override
        protected void createChildArrayContext(int lineNr, int colNr) throws IOException {
            super.createChildArrayContext(lineNr, colNr);
            if (_parsingContext.getNestingDepth() > maxJsonDepth) {
                _updateToken(JsonToken.START_ARRAY);
                throw new DepthLimitedParser.TooDeep(this);
            }
        }

        @Override
        protected void createChildObjectContext(int lineNr, int colNr) throws IOException {
            super.createChildObjectContext(lineNr, colNr);
            if (_parsingContext.getNestingDepth() > maxJsonDepth) {
                _updateToken(JsonToken.START_OBJECT);
                throw new DepthLimitedParser.TooDeep(this);
            }
        }

        /**
         * Moves from the START_OBJECT just returned to its matching END_OBJECT, as {@link
         * #skipChildren()} would, by scanning bytes: strings (with their escapes) are stepped over,
         * brackets counted and matched, line numbers kept for later error messages. Returns false,
         * having changed nothing, if the object is not well bracketed, the parser is not simply after
         * an opening brace, or tokenizing might break one of the parser's {@link
         * StreamReadConstraints}: nesting deeper than they allow, a string or number longer, a token
         * count to keep. The caller then tokenizes the object, which reports what is wrong.
         *
         * <p>Unlike tokenizing, the scan does not check the JSON inside the object token by token: a
         * skipped image is not validated (an image that is read is). The scan is one loop over the
         * bytes, so no input makes it recurse, and it ends at the end of the input at the latest.
         */
        boolean skipObject() {
            if (!afterOpeningBrace()) {
                return false;
            }
            StreamReadConstraints limits = _streamReadConstraints;
            if (limits.hasMaxTokenCount()) {
                return false; // the scan counts no tokens
            }
            // Levels below this object that tokenizing would accept: the object itself is at the context's depth.
            int maxDepth = limits.getMaxNestingDepth() - _parsingContext.getNestingDepth();
            int maxNameLength = limits.getMaxNameLength();
            int maxStringLength = limits.getMaxStringLength();
            int shortestString = Math.min(maxNameLength, maxStringLength);
            int maxNumberLength = limits.getMaxNumberLength();
            byte[] buffer = _inputBuffer;
            int end = _inputEnd;
            int ptr = _inputPtr;
            int row = _currInputRow;
            int rowStart = _currInputRowStart;
            long arrays = 0; // bit d set: the bracket opened at depth d (< 64) is '['
            BitSet deeper = null; // the same for depths from 64, only for objects that nest that deep
            int depth = 0;
            int numberRun = 0; // bytes that may belong to one number, measured as bytes (>= its characters)
            while (ptr < end) {
                byte b = buffer[ptr++];
                if (b == '"') {
                    int start = ptr;
                    while (true) {
                        if (ptr >= end) {
                            return false;
                        }
                        byte c = buffer[ptr++];
                        if (c == '"') {
                            break;
                        }
                        if (c == '\\') {
                            ptr++;
                        }
                    }
                    // In bytes, which are at least as many as the characters Jackson would count.
                    int length = ptr - 1 - start;
                    if (length > shortestString
                            && length > (beforeColon(buffer, ptr, end) ? maxNameLength : maxStringLength)) {
                        return false;
                    }
                } else if (b == ':' || b == ',') {
                    numberRun = 0; // the commonest bytes outside strings, answered first
                } else if (b == '{' || b == '[') {
                    if (++depth > maxDepth) {
                        return false;
                    }
                    if (depth < 64) {
                        arrays = b == '[' ? arrays | (1L << depth) : arrays & ~(1L << depth);
                    } else {
                        if (deeper == null) {
                            deeper = new BitSet();
                        }
                        deeper.set(depth - 64, b == '[');
                    }
                } else if (b == '}' || b == ']') {
                    boolean array = depth < 64 ? (arrays & (1L << depth)) != 0 : deeper.get(depth - 64);
                    if (array != (b == ']')) {
                        return false;
                    }
                    if (depth == 0) {
                        return finish(ptr, row, rowStart);
                    }
                    depth--;
                } else if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
                    if (++numberRun > maxNumberLength) {
                        return false;
                    }
                } else {
                    numberRun = 0;
                    if (b == '\n') {
                        row++;
                        rowStart = ptr;
                    }
                }
            }
            return false;
        }

        /**
         * Where the closing quote of the current string value is, when the value has not been read
         * yet and all its bytes are printable ASCII other than the backslash (so its text is its
         * bytes); else -1. The value's first byte is at {@link #stringStart()}.
         */
        int asciiStringEnd() {
            if (_currToken != JsonToken.VALUE_STRING || !_tokenIncomplete) {
                return -1;
            }
            byte[] buffer = _inputBuffer;
            for (int ptr = _inputPtr, end = _inputEnd; ptr < end; ptr++) {
                int c = buffer[ptr];
                if (c == '"') {
                    return ptr;
                }
                if (c < 0x20 || c == '\\') {
                    return -1; // control characters, escapes and (negative) bytes of UTF-8 sequences
                }
            }
            return -1;
        }

        /** Whether the current token is a string value not read yet (its bytes are still the input's). */
        boolean unreadString() {
            return _currToken == JsonToken.VALUE_STRING && _tokenIncomplete;
        }

        /** Where the event's bytes end. */
        int inputEnd() {
            return _inputEnd;
        }

        /** Where the current string value's first byte is, while it has not been read. */
        int stringStart() {
            return _inputPtr;
        }

        /** The event's bytes, for comparing a string value's bytes with a known value's. */
        byte[] buffer() {
            return _inputBuffer;
        }

        /**
         * The current string value's text read from its bytes (one copy, no decoding), when {@link
         * #asciiStringEnd()} found its end; the parser then goes on after it as if {@code getText()}
         * had read it.
         *
         * @param known the value's text if the caller already has it, else null
         */
        String takeAsciiString(int quote, String known) throws IOException {
            String text = known != null
                    ? known
                    : new String(_inputBuffer, _inputPtr, quote - _inputPtr, StandardCharsets.ISO_8859_1);
            _textBuffer.resetWithString(text); // checks the length as reading would, and serves getText()
            _inputPtr = quote + 1;
            _tokenIncomplete = false;
            return text;
        }

        /** Whether the parser has just returned the START_OBJECT of the brace before its position. */
        private boolean afterOpeningBrace() {
            return _currToken == JsonToken.START_OBJECT
                    && !_tokenIncomplete
                    && _inputPtr > 0
                    && _inputBuffer[_inputPtr - 1] == '{';
        }

        /**
         * Hands the object just opened to a reader of its bytes and, if the reader maps it, moves to
         * its END_OBJECT as {@link #skipObject()} does, lines counted. Returns the item, or null having
         * changed nothing. The reader is held to the limits tokenizing would apply: the image's
         * nesting limit and the {@link StreamReadConstraints}' depth and lengths. It counts no tokens
         * and lets the last of duplicate names win, so a token limit or duplicate detection keeps it
         * out.
         */
        Object readImage(ImageBytes.Reader reader, int levels) {
            if (!afterOpeningBrace()
                    || _streamReadConstraints.hasMaxTokenCount()
                    || isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    || _parsingContext.getParent() == null
                    || !_parsingContext.inObject()) {
                return null;
            }
            StreamReadConstraints limits = _streamReadConstraints;
            int maxDepth =
                    (int) Math.min(2L * levels, (long) limits.getMaxNestingDepth() - _parsingContext.getNestingDepth());
            if (image == null) {
                image = new ImageBytes();
            }
            ImageBytes bytes = image.reset(
                    _inputBuffer,
                    _inputPtr - 1,
                    _inputEnd,
                    maxDepth,
                    limits.getMaxNameLength(),
                    limits.getMaxStringLength());
            Object item;
            try {
                item = reader.readBytes(bytes);
            } finally {
                bytes.release();
            }
            if (item == null || bytes.end() < 0) {
                return null;
            }
            int row = _currInputRow + bytes.newlines();
            int rowStart = bytes.newlines() > 0 ? bytes.lastLineStart() : _currInputRowStart;
            return finish(bytes.end(), row, rowStart) ? item : null;
        }

        /** Whether the string that ended just before {@code ptr} is a field name. */
        private static boolean beforeColon(byte[] buffer, int ptr, int end) {
            while (ptr < end
                    && (buffer[ptr] == ' ' || buffer[ptr] == '\t' || buffer[ptr] == '\r' || buffer[ptr] == '\n')) {
                ptr++;
            }
            return ptr < end && buffer[ptr] == ':';
        }

        /** The state tokenizing would have left: on the closing brace, back in the parent context. */
        private boolean finish(int next, int row, int rowStart) {
            JsonReadContext parent = _parsingContext.getParent();
            if (parent == null || !_parsingContext.inObject()) {
                return false;
            }
            _inputPtr = next;
            _currInputRow = row;
            _currInputRowStart = rowStart;
            // As jackson-core records a token's start: the offset just past its first byte.
            _tokenInputTotal = _currInputProcessed + next;
            _tokenInputRow = row;
            _tokenInputCol = next - rowStart;
            _parsingContext = _parsingContext.clearAndGetParent();
            try {
                _updateToken(JsonToken.END_OBJECT);
            } catch (IOException e) {
                return false;
            }
            return true;
        }

        /** Whether skipping works with the jackson-core on the classpath, tried on a sample. */
        static boolean selfCheck() {
            byte[] sample = ("{\"a\":{\"x\":[1,{\"y\":\"}]\\\"{\"}],\n\"z\":{\"w\":[]}},\"b\":[2],\"c\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
            EventJsonFactory factory = new EventJsonFactory();
            try (JsonParser p = factory.sampleParser(sample)) {
                FastSkipParser fast = (FastSkipParser) p;
                if (p.nextToken() != JsonToken.START_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.START_OBJECT
                        || !fast.skipObject()
                        || p.currentToken() != JsonToken.END_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || !"b".equals(p.currentName())
                        || p.currentLocation().getLineNr() != 2
                        || p.nextToken() != JsonToken.START_ARRAY
                        || fast.tokenStart() != p.currentTokenLocation().getByteOffset()
                        || fast.position() != p.currentLocation().getByteOffset()
                        || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                        || p.getIntValue() != 2
                        || p.nextToken() != JsonToken.END_ARRAY
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.START_OBJECT
                        || !fast.skipObject()
                        || p.nextToken() != JsonToken.END_OBJECT
                        || p.nextToken() != null) {
                    return false;
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                return false;
            }
            return limitsNestingAndReadsOn(factory) && readsAsciiStringsFromBytes(factory);
        }

        /**
         * Whether string values taken from their bytes read as jackson-core reads them, and the parser
         * goes on after them; escaped and non-ASCII strings are left to jackson-core.
         */
        private static boolean readsAsciiStringsFromBytes(EventJsonFactory factory) {
            byte[] sample =
                    "{\"a\":\"xyz\",\"b\":[\"p\\\"q\",\"r s\",\"\u00e9\"],\"c\":1}".getBytes(StandardCharsets.UTF_8);
            try (JsonParser p = factory.sampleParser(sample)) {
                FastSkipParser fast = (FastSkipParser) p;
                if (p.nextToken() != JsonToken.START_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.VALUE_STRING) {
                    return false;
                }
                int quote = fast.asciiStringEnd();
                if (quote != 9
                        || !fast.unreadString()
                        || fast.inputEnd() != sample.length
                        || fast.stringStart() != 6
                        || !"xyz".equals(fast.takeAsciiString(quote, null))
                        || fast.unreadString()
                        || !"xyz".equals(p.getText())
                        || p.getTextLength() != 3
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || !"b".equals(p.currentName())
                        || p.nextToken() != JsonToken.START_ARRAY
                        || p.nextToken() != JsonToken.VALUE_STRING
                        || fast.asciiStringEnd() != -1
                        || !"p\"q".equals(p.getText())
                        || p.nextToken() != JsonToken.VALUE_STRING) {
                    return false;
                }
                quote = fast.asciiStringEnd();
                if (quote < 0
                        || !"r s".equals(fast.takeAsciiString(quote, "r s"))
                        || !"r s".equals(p.getText())
                        || p.nextToken() != JsonToken.VALUE_STRING
                        || fast.asciiStringEnd() != -1
                        || !"\u00e9".equals(p.getText())
                        || p.nextToken() != JsonToken.END_ARRAY
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                        || fast.asciiStringEnd() != -1
                        || p.getIntValue() != 1
                        || p.nextToken() != JsonToken.END_OBJECT
                        || p.nextToken() != null) {
                    return false;
                }
                return true;
            } catch (IOException | RuntimeException | LinkageError e) {
                return false;
            }
        }

        /**
         * Whether a limited parser stops on an opening bracket too deep, after a field name and inside
         * an array, in the state a normal return leaves, and reads on once the limit is lifted.
         */
        private static boolean limitsNestingAndReadsOn(EventJsonFactory factory) {
            byte[] sample = "{\"i\":{\"a\":{\"b\":[1]},\"c\":[[2]]},\"d\":3}".getBytes(StandardCharsets.UTF_8);
            try (JsonParser p = factory.sampleParser(sample)) {
                FastSkipParser fast = (FastSkipParser) p;
                if (p.nextToken() != JsonToken.START_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.START_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.START_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || !stopsTooDeep(fast, JsonToken.START_ARRAY)
                        || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                        || p.nextToken() != JsonToken.END_ARRAY
                        || p.nextToken() != JsonToken.END_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || p.nextToken() != JsonToken.START_ARRAY
                        || !stopsTooDeep(fast, JsonToken.START_ARRAY)
                        || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                        || p.getIntValue() != 2
                        || p.nextToken() != JsonToken.END_ARRAY
                        || p.nextToken() != JsonToken.END_ARRAY
                        || p.nextToken() != JsonToken.END_OBJECT
                        || p.nextToken() != JsonToken.FIELD_NAME
                        || !"d".equals(p.currentName())
                        || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                        || p.nextToken() != JsonToken.END_OBJECT
                        || p.nextToken() != null) {
                    return false;
                }
                return true;
            } catch (IOException | RuntimeException | LinkageError e) {
                return false;
            }
        }

        /** Limited to depth 3, the next token (at depth 4) must be refused, and leave it current. */
        private static boolean stopsTooDeep(FastSkipParser p, JsonToken expected) throws IOException {
            p.limitNesting(3);
            try {
                p.nextToken();
                return false;
            } catch (DepthLimitedParser.TooDeep refused) {
                return p.currentToken() == expected && p.getParsingContext().getNestingDepth() == 4;
            } finally {
                p.limitNesting(Integer.MAX_VALUE);
            }
        }
    }
}
