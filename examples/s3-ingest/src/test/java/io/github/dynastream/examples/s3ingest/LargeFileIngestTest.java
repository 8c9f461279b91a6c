package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A file of 100,000 rows goes through in bounded memory. Shown by structure, not by timing or heap
 * size: the file is produced as it is read (it never exists as a whole), the table receives chunks of
 * at most 25, and when each chunk arrives the reader has produced only a buffer's worth of lines
 * beyond it: the ingest writes as it reads instead of reading first.
 */
class LargeFileIngestTest {
    private static final int ROWS = 100_000;

    /** Produces "name,date,value" and then ROWS rows, byte by byte as asked; every 1,000th row is bad. */
    static final class LazyCsv extends InputStream {
        final AtomicLong linesProduced = new AtomicLong();
        private byte[] line = "name,date,value\n".getBytes(StandardCharsets.US_ASCII);
        private int position;
        private int next = 1;

        @Override
        public int read() {
            if (position == line.length) {
                if (next > ROWS) {
                    return -1;
                }
                String row = next % 1000 == 0
                        ? "sensor-" + next + ",not-a-date," + next + "\n"
                        : "sensor-" + next + ",2026-11-30," + next + ".5\n";
                line = row.getBytes(StandardCharsets.US_ASCII);
                position = 0;
                next++;
            }
            if (position == 0) {
                linesProduced.incrementAndGet();
            }
            return line[position++];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }
    }

    /** Keeps no rows: checks each chunk's size and how far the reader ran ahead of the writes. */
    static final class CheckingWriter implements TableWriter {
        final LazyCsv file;
        long rowsWritten;
        long lastLineWritten;
        long chunks;
        long mostLinesAhead;
        int largestChunk;

        CheckingWriter(LazyCsv file) {
            this.file = file;
        }

        @Override
        public void write(List<IngestedRow> chunk) {
            assertThat(chunk).hasSizeBetween(1, MAX_CHUNK);
            for (IngestedRow row : chunk) {
                assertThat(row.line()).isGreaterThan(lastLineWritten);
                lastLineWritten = row.line();
            }
            chunks++;
            rowsWritten += chunk.size();
            largestChunk = Math.max(largestChunk, chunk.size());
            mostLinesAhead = Math.max(mostLinesAhead, file.linesProduced.get() - lastLineWritten);
        }
    }

    @Test
    void streamsAHundredThousandRowsInChunksOf25WithoutReadingAhead() throws Exception {
        LazyCsv file = new LazyCsv();
        CheckingWriter table = new CheckingWriter(file);
        InMemoryReportSink reports = new InMemoryReportSink();
        InMemoryObjectSource source = new InMemoryObjectSource().put("uploads", "incoming/big.csv", null, () -> file);

        IngestReport report = FileIngest.of(source, table, reports)
                .ingest(new UploadedObject("uploads", "incoming/big.csv", OptionalLong.empty()));

        assertThat(file.linesProduced.get()).isEqualTo(ROWS + 1); // read to the end, once
        assertThat(report.writtenRows()).isEqualTo(ROWS - 100);
        assertThat(table.rowsWritten).isEqualTo(ROWS - 100);
        assertThat(table.largestChunk).isEqualTo(TableWriter.MAX_CHUNK);
        assertThat(table.chunks).isEqualTo((ROWS - 100 + 24) / 25);
        // The reader's buffers (8 Ki bytes decoded into 8 Ki chars, lines of about 30 bytes) hold a few
        // hundred lines; reading the file first would put 100,000 lines ahead.
        assertThat(table.mostLinesAhead).isLessThan(2_000);
        assertThat(report.invalidRows()).isEqualTo(100);
        assertThat(report.reportedRows()).hasSize(100);
    }

    @Test
    void aReportListsAtMostTheConfiguredNumberOfInvalidRows() throws Exception {
        LazyCsv file = new LazyCsv();
        InMemoryObjectSource source = new InMemoryObjectSource().put("uploads", "incoming/big.csv", null, () -> file);

        IngestReport report = FileIngest.of(
                        source,
                        new CheckingWriter(file),
                        new InMemoryReportSink(),
                        IngestOptions.defaults().withMaxReportedRows(10))
                .ingest(new UploadedObject("uploads", "incoming/big.csv", OptionalLong.empty()));

        assertThat(report.invalidRows()).isEqualTo(100);
        assertThat(report.reportedRows())
                .hasSize(10)
                .first()
                .extracting(ParsedRow::line)
                .isEqualTo(1001L);
    }
}
