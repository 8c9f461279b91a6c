package io.github.dynastream.internal;

/**
 * One image's DynamoDB JSON in the event's bytes, for an item reader that maps it from the bytes
 * while the event is parsed ({@link Reader}), together with the limits the event's parser would
 * apply to it. The reader reports where the image ended and which lines it crossed, so the parser
 * can go on after it with its positions right. One instance per parser, reused image to image.
 */
public final class ImageBytes {
    /** An item reader that maps an image from its bytes. */
    public interface Reader {
        /**
         * Maps the image whose opening brace is at {@link #offset()}, when its JSON is plain enough to
         * read without the event's parser, and calls {@link #ended} with where it ended. Returns null,
         * without calling {@code ended}, for anything else (escapes, JSON it does not expect, limits,
         * a mapping error): the caller then reads the image as before, which maps it or says what is
         * wrong.
         */
        Object readBytes(ImageBytes image);
    }

    private byte[] source;
    private int offset;
    private int limit;
    private int maxJsonDepth;
    private int maxNameLength;
    private int maxStringLength;
    private int end;
    private int newlines;
    private int lastLineStart;

    /** Points this at an image; the limits are those the event's parser applies. */
    public ImageBytes reset(
            byte[] source, int offset, int limit, int maxJsonDepth, int maxNameLength, int maxStringLength) {
        this.source = source;
        this.offset = offset;
        this.limit = limit;
        this.maxJsonDepth = maxJsonDepth;
        this.maxNameLength = maxNameLength;
        this.maxStringLength = maxStringLength;
        this.end = -1;
        this.newlines = 0;
        this.lastLineStart = -1;
        return this;
    }

    /** Lets go of the event's bytes once the image was read. */
    public void release() {
        source = null;
    }

    /** The event's bytes. */
    public byte[] source() {
        return source;
    }

    /** Where the image's opening brace is. */
    public int offset() {
        return offset;
    }

    /** Where the event's bytes end: the image's closing brace is before this. */
    public int limit() {
        return limit;
    }

    /**
     * How many JSON levels of objects and arrays may open below the image's own braces: in DynamoDB
     * JSON each attribute level is two (the value object and its {@code M} object or {@code L}
     * array; a set's array is one).
     */
    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    /** The longest field name the event's parser accepts, in characters. */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** The longest string value the event's parser accepts, in characters. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /**
     * Says where the image ended.
     *
     * @param end the offset just past the image's closing brace
     * @param newlines how many line feeds the image held (outside strings, where JSON allows them)
     * @param lastLineStart the offset just past the last of them, or -1 if there were none
     */
    public void ended(int end, int newlines, int lastLineStart) {
        if (end <= offset || end > limit || source[end - 1] != '}') {
            throw new IllegalArgumentException("an image ends on its closing brace, within the event");
        }
        this.end = end;
        this.newlines = newlines;
        this.lastLineStart = lastLineStart;
    }

    /** The offset just past the image's closing brace, or -1 if the reader did not read it. */
    public int end() {
        return end;
    }

    /** The line feeds in the image. */
    public int newlines() {
        return newlines;
    }

    /** The offset just past the image's last line feed, or -1. */
    public int lastLineStart() {
        return lastLineStart;
    }
}
