package io.github.dynastream.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * How item readers map one image: through a parser that refuses to enter maps and lists nested
 * deeper than the processor's attribute limit, so a reader that recurses over the image stops there,
 * however deep the JSON goes. The readers treat the refusal like any other JSON they cannot map and
 * hand the image to the decoding path, which fails the record naming the attribute.
 *
 * <p>In DynamoDB JSON each attribute level is two JSON levels (the value object and its {@code M}
 * object or {@code L} array), so an image whose attributes go {@code levels} deep nests at most
 * {@code 2 * levels} JSON levels below its own braces.
 *
 * <p>The processor's own parser enforces the limit itself ({@link Limitable}), so the many small
 * calls a reader makes per token go straight to it; any other parser is wrapped in this delegate.
 */
public final class DepthLimitedParser extends JsonParserDelegate {
    private final int maxJsonDepth;

    /** A parser that can refuse, by itself, to nest deeper than a JSON depth. */
    public interface Limitable {
        /**
         * From the next token on, throw {@link TooDeep} instead of returning the start of an object or
         * array nested deeper than this; {@link Integer#MAX_VALUE} lifts the limit.
         */
        void limitNesting(int maxJsonDepth);
    }

    private DepthLimitedParser(JsonParser parser, int maxJsonDepth) {
        super(parser);
        this.maxJsonDepth = maxJsonDepth;
    }

    /**
     * Limits a parser that is on an image's opening brace, or not started on a parser over the image
     * alone.
     *
     * @param levels the deepest attribute level allowed, a top-level attribute being level 1
     * @return the parser to read the image through: the same one, limited, or a delegate; a parser
     *     limited in place keeps the limit until {@link #lift} is called
     */
    public static JsonParser limit(JsonParser parser, int levels) {
        int imageDepth = parser.currentToken() == JsonToken.START_OBJECT
                ? parser.getParsingContext().getNestingDepth()
                : parser.getParsingContext().getNestingDepth() + 1;
        int maxJsonDepth = imageDepth + 2 * levels;
        if (parser instanceof Limitable limitable) {
            limitable.limitNesting(maxJsonDepth);
            return parser;
        }
        return new DepthLimitedParser(parser, maxJsonDepth);
    }

    /** Lifts the limit {@link #limit} put on a parser in place, to read on past the image. */
    public static void lift(JsonParser parser) {
        if (parser instanceof Limitable limitable) {
            limitable.limitNesting(Integer.MAX_VALUE);
        }
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return checked(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        return checked(delegate.nextValue());
    }

    private JsonToken checked(JsonToken token) throws TooDeep {
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                && delegate.getParsingContext().getNestingDepth() > maxJsonDepth) {
            throw new TooDeep(delegate);
        }
        return token;
    }

    /** The image nests deeper than the limit; the parser is on the opening bracket too far down. */
    public static final class TooDeep extends StreamConstraintsException {
        private static final long serialVersionUID = 1L;

        /** @param parser the parser, on the opening bracket too far down */
        public TooDeep(JsonParser parser) {
            super("the image nests deeper than the attribute nesting limit", parser.currentLocation());
        }
    }
}
