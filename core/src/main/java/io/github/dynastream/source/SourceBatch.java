package io.github.dynastream.source;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.MalformedEventException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ChangeSource} read from one batch: the records, in stream order, and, if the source
 * came upon a record it can name but not read (a Kinesis record whose payload is not a DynamoDB change
 * record), that record. Reading stops there: the records after it are not part of the batch, just as
 * processing would not reach them past a failure, and the response names the unreadable record when
 * every record before it completed.
 *
 * <pre>{@code
 * SourceBatch batch = source.read(event);
 * batch.unreadable().ifPresent(u -> log.warn("stopping at {}: {}", u.identifier(), u.cause().getMessage()));
 * }</pre>
 *
 * @param records the readable records before any unreadable one; unmodifiable
 * @param unreadable the record reading stopped at, if any
 */
public record SourceBatch(List<ChangeRecord> records, Optional<Unreadable> unreadable) {
    public SourceBatch {
        records = Collections.unmodifiableList(Objects.requireNonNull(records, "records"));
        Objects.requireNonNull(unreadable, "unreadable");
    }

    /** A batch every record of which was read. */
    public static SourceBatch of(List<ChangeRecord> records) {
        return new SourceBatch(records, Optional.empty());
    }

    /** A batch whose reading stopped at an unreadable record, after {@code records}. */
    public static SourceBatch stoppedAt(List<ChangeRecord> records, Unreadable unreadable) {
        return new SourceBatch(records, Optional.of(Objects.requireNonNull(unreadable, "unreadable")));
    }

    /**
     * A record the source could not turn into a {@link ChangeRecord}.
     *
     * @param identifier what the response names it by (for Kinesis, its sequence number)
     * @param cause what is wrong, naming the record and the field
     */
    public record Unreadable(String identifier, MalformedEventException cause) {
        public Unreadable {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
