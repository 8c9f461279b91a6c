package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileFormatTest {
    @Test
    void tellsTheTypeByTheExtensionFirstAndElseByTheContentType() {
        assertThat(FileFormat.detect("incoming/a.CSV", Optional.empty())).contains(FileFormat.CSV);
        assertThat(FileFormat.detect("incoming/a.jsonl", Optional.of("text/csv")))
                .contains(FileFormat.JSON_LINES);
        assertThat(FileFormat.detect("incoming/a.ndjson", Optional.empty())).contains(FileFormat.JSON_LINES);
        assertThat(FileFormat.detect("incoming/export", Optional.of("text/csv; charset=utf-8")))
                .contains(FileFormat.CSV);
        assertThat(FileFormat.detect("incoming/export", Optional.of("Application/X-NDJSON")))
                .contains(FileFormat.JSON_LINES);
    }

    @Test
    void knowsNothingElse() {
        assertThat(FileFormat.detect("incoming/a.xlsx", Optional.of("application/vnd.ms-excel")))
                .isEmpty();
        assertThat(FileFormat.detect("incoming/a.json", Optional.of("application/json")))
                .isEmpty();
        assertThat(FileFormat.detect("incoming/csv", Optional.empty())).isEmpty();
    }
}
