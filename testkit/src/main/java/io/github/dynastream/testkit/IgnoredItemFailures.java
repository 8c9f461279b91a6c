package io.github.dynastream.testkit;

import io.github.dynastream.ChangeRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Item failures a function reported that the event source mapping ignored, because {@code
 * FunctionResponseTypes} does not hold {@code ReportBatchItemFailures}: Lambda took the invocation
 * for a success and checkpointed past the whole batch, so the records the function asked to have
 * retried are lost ("Even when your function code returns partial batch failure responses, these
 * responses will not be processed by Lambda unless the ReportBatchItemFailures feature is
 * explicitly turned on for your event source mapping",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html). Fail a test
 * on them with {@link AbstractSimulationAssert#hasNoIgnoredItemFailures()}:
 *
 * <pre>{@code
 * Simulation simulation = EventSourceMappingSimulator.builder().build().run(stream, processor::process);
 * StreamAssertions.assertThat(simulation).hasNoIgnoredItemFailures();
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param invocation the invocation whose response reported the failures (a success to Lambda)
 * @param itemIdentifiers the identifiers as the response reported them, in its order; a null
 *     identifier stays null
 * @param lostRecords the records Lambda would have retried had {@code ReportBatchItemFailures} been
 *     on: the batch from the lowest reported record, or the whole batch if an identifier was not
 *     one of its records
 */
public record IgnoredItemFailures(Invocation invocation, List<String> itemIdentifiers, List<ChangeRecord> lostRecords) {

    public IgnoredItemFailures {
        Objects.requireNonNull(invocation, "invocation");
        itemIdentifiers = Collections.unmodifiableList(new ArrayList<>(itemIdentifiers));
        lostRecords = List.copyOf(lostRecords);
    }

    /** The sequence numbers of the lost records, in stream order. */
    public List<String> lostSequenceNumbers() {
        return lostRecords.stream().map(ChangeRecord::sequenceNumber).toList();
    }
}
