package io.github.dynastream.examples.s3ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a text stream line by line, holding at most one line of bounded length: a line longer than
 * the limit is skipped to its end and returned as {@link Line#tooLong()}, so one endless line cannot
 * fill the memory the way {@link java.io.BufferedReader#readLine()} would. Ends lines at {@code \n},
 * {@code \r\n} or {@code \r}, and drops a byte order mark at the start. Not thread-safe.
 */
final class LineReader {
    private final Reader in;
    private final int maxLength;
    private final StringBuilder buffer = new StringBuilder();
    private long number;
    private int pushedBack = -2;

    LineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /**
     * A line of the stream.
     *
     * @param number 1 for the first line
     * @param text the line without its terminator; null if it was too long
     */
    record Line(long number, String text) {
        boolean tooLong() {
            return text == null;
        }

        boolean isBlank() {
            return text != null && text.isBlank();
        }
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        buffer.setLength(0);
        boolean tooLong = false;
        int c = read();
        if (c == -1) {
            return null;
        }
        if (number == 0 && c == '\uFEFF') {
            c = read();
        }
        while (c != -1 && c != '\n' && c != '\r') {
            if (buffer.length() < maxLength) {
                buffer.append((char) c);
            } else {
                tooLong = true;
            }
            c = read();
        }
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                pushedBack = after;
            }
        }
        number++;
        return new Line(number, tooLong ? null : buffer.toString());
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
