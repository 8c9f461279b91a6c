package io.github.dynastream.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.dynastream.AttributeValue;
import io.github.dynastream.internal.DepthLimitedParser;
import io.github.dynastream.internal.ImageBytes;
import io.github.dynastream.internal.RawImageBytes;
import io.github.dynastream.mapping.ItemReader;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An image still in the event's bytes: its DynamoDB JSON, for item readers that map it straight into
 * an item without building {@link AttributeValue}s first ({@link
 * io.github.dynastream.mapping.RawImageReader}). As a {@link Supplier} it is the image decoded into
 * attributes, decoded on first use and kept. A source adapter that reads event bytes hands its images
 * to the record this way:
 *
 * <pre>{@code
 * RawImage image = new RawImage(factory, eventBytes, offset, length, maxNestingDepth,
 *         () -> decodeAttributes(eventBytes, offset, length)); // reports what is malformed
 * ChangeRecord record = ChangeRecord.builder()
 *         .eventId(eventId).eventName(EventName.INSERT).sequenceNumber(sequenceNumber)
 *         .rawNewImage(image)
 *         .build();
 * }</pre>
 *
 * <p>It may also carry the item one reader already mapped from it while the event was parsed ({@link
 * #itemReadInPlace}), so that the image's bytes are read only once. Decoding is safe from several
 * threads (racing threads decode the same immutable map); the item read in place is handed out once,
 * to the record's dispatch, which runs on one thread.
 */
public final class RawImage implements Supplier<Map<String, AttributeValue>> {
    static {
        RawImageBytes.register(new RawImageBytes() {
            @Override
            protected ImageBytes bytes(RawImage image) {
                return image.imageBytes();
            }
        });
    }

    private final JsonFactory factory;
    private final byte[] source;
    private final int offset;
    private final int length;
    private final int maxNestingDepth;
    private final Supplier<Map<String, AttributeValue>> decoder;
    private volatile Map<String, AttributeValue> decoded;
    private ItemReader<?> readBy;
    private Object item;

    /**
     * @param factory the parser factory
     * @param source the event's bytes
     * @param offset where the image's JSON object starts
     * @param length how long it is
     * @param maxNestingDepth the deepest attribute level a reader may enter (a top-level attribute is
     *     level 1); the decoder rejects deeper images
     * @param decoder decodes the image into attributes (and reports what is malformed)
     */
    public RawImage(
            JsonFactory factory,
            byte[] source,
            int offset,
            int length,
            int maxNestingDepth,
            Supplier<Map<String, AttributeValue>> decoder) {
        this.factory = factory;
        this.source = source;
        this.offset = offset;
        this.length = length;
        this.maxNestingDepth = maxNestingDepth;
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * A parser positioned before the image's opening brace. It throws a {@link
     * com.fasterxml.jackson.core.exc.StreamConstraintsException} rather than enter maps and lists
     * nested deeper than the limit, so a reader that recurses over it stays within the limit; such an
     * image is left to {@link #get()}, which reports it.
     */
    public JsonParser parser() throws IOException {
        return DepthLimitedParser.limit(factory.createParser(source, offset, length), maxNestingDepth);
    }

    /** The image's bytes for a reader of them, held to the limits {@link #parser()} applies; or null. */
    private ImageBytes imageBytes() {
        if (factory == null) {
            return null;
        }
        StreamReadConstraints limits = factory.streamReadConstraints();
        if (limits.hasMaxTokenCount() || factory.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
            return null;
        }
        // The image is the parser's top-level object, at depth 1.
        int maxJsonDepth = (int) Math.min(2L * maxNestingDepth, limits.getMaxNestingDepth() - 1L);
        return new ImageBytes()
                .reset(
                        source,
                        offset,
                        offset + length,
                        maxJsonDepth,
                        limits.getMaxNameLength(),
                        limits.getMaxStringLength());
    }

    /** The image as attributes, decoded on first use. */
    @Override
    public Map<String, AttributeValue> get() {
        Map<String, AttributeValue> result = decoded;
        if (result == null) {
            result = decoder.get();
            decoded = result;
        }
        return result;
    }

    /**
     * Records the item a reader mapped from this image while the event was parsed. Called by the
     * source adapter before the record is handed to anything else.
     */
    public void itemReadInPlace(ItemReader<?> reader, Object readItem) {
        this.readBy = reader;
        this.item = readItem;
    }

    /**
     * Takes the item this reader mapped while the event was parsed, or null. It is handed out once:
     * a record dispatched again maps its image afresh, so no handler sees an item another call may
     * have changed.
     */
    public Object takeItemReadBy(ItemReader<?> reader) {
        Object taken = readBy == reader ? item : null;
        if (taken != null) {
            item = null;
            readBy = null;
        }
        return taken;
    }
}
