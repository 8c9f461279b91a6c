package io.github.dynastream.examples.s3ingest;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the rows of one file lazily, one line at a time: nothing is read ahead beyond the reader's
 * buffer, so a file of any length is parsed in bounded memory. Not thread-safe.
 */
interface RowReader {
    /** The next row, empty at the end of the file. Blank lines are skipped. */
    Optional<ParsedRow> next() throws IOException;
}
