package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ChangeRecord;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link StreamsEventResponse}; extend it to add your own, or use {@link
 * StreamsEventResponseAssert} through {@link StreamAssertions#assertThat(StreamsEventResponse)}.
 *
 * @param <SELF> the assertion's own type, for chaining
 */
public abstract class AbstractStreamsEventResponseAssert<SELF extends AbstractStreamsEventResponseAssert<SELF>>
        extends AbstractAssert<SELF, StreamsEventResponse> {

    protected AbstractStreamsEventResponseAssert(StreamsEventResponse actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** The response reports no failed record: Lambda checkpoints after the whole batch. */
    public SELF hasNoFailures() {
        isNotNull();
        List<String> failures = identifiers();
        if (!failures.isEmpty()) {
            failWithMessage(
                    "%nExpecting the response to report no batch item failures but it reported:%n  %s", failures);
        }
        return myself;
    }

    /**
     * The response reports exactly one failed record, with this sequence number: Lambda retries from
     * it.
     */
    public SELF failedAt(String sequenceNumber) {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        isNotNull();
        List<String> failures = identifiers();
        if (!failures.equals(List.of(sequenceNumber))) {
            failWithMessage(
                    "%nExpecting the response to report exactly the failed record%n  %s%nbut it reported:%n  %s",
                    sequenceNumber, failures.isEmpty() ? "no failures" : failures);
        }
        return myself;
    }

    /** The response reports exactly this record as failed. */
    public SELF failedAt(ChangeRecord record) {
        Objects.requireNonNull(record, "record");
        return failedAt(record.sequenceNumber());
    }

    private List<String> identifiers() {
        if (actual.getBatchItemFailures() == null) {
            return List.of();
        }
        return actual.getBatchItemFailures().stream()
                .map(f -> f == null ? null : f.getItemIdentifier())
                .toList();
    }
}
