package io.github.dynastream.testkit;

import io.github.dynastream.ChangeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result of {@link EventSourceMappingSimulator#run}: the shard, every invocation, what reached
 * the on-failure destination, and the item failures the mapping ignored. Immutable and thread-safe.
 * Check it with {@link StreamAssertions#assertThat(Simulation)}.
 */
public final class Simulation {
    private final List<ChangeRecord> records;
    private final List<Invocation> invocations;
    private final List<FailureDestinationRecord> failureDestination;
    private final List<IgnoredItemFailures> ignoredItemFailures;
    private final Set<String> discarded;
    private final Instant finishedAt;

    Simulation(
            List<ChangeRecord> records,
            List<Invocation> invocations,
            List<FailureDestinationRecord> failureDestination,
            List<ChangeRecord> discarded,
            List<IgnoredItemFailures> ignoredItemFailures,
            Instant finishedAt) {
        this.records = List.copyOf(records);
        this.invocations = List.copyOf(invocations);
        this.failureDestination = List.copyOf(failureDestination);
        this.ignoredItemFailures = List.copyOf(ignoredItemFailures);
        this.discarded = discarded.stream().map(ChangeRecord::sequenceNumber).collect(Collectors.toUnmodifiableSet());
        this.finishedAt = finishedAt;
    }

    /** One simulation after the other, as one: a runner's drains, or the shards of a stream in turn. */
    static Simulation concat(Simulation first, Simulation then) {
        List<ChangeRecord> records = new ArrayList<>(first.records);
        records.addAll(then.records);
        List<Invocation> invocations = new ArrayList<>(first.invocations);
        invocations.addAll(then.invocations);
        List<FailureDestinationRecord> destination = new ArrayList<>(first.failureDestination);
        destination.addAll(then.failureDestination);
        List<ChangeRecord> discarded = new ArrayList<>(first.discardedRecords());
        discarded.addAll(then.discardedRecords());
        List<IgnoredItemFailures> ignored = new ArrayList<>(first.ignoredItemFailures);
        ignored.addAll(then.ignoredItemFailures);
        return new Simulation(records, invocations, destination, discarded, ignored, then.finishedAt);
    }

    /** The shard the simulation read, in stream order. */
    public List<ChangeRecord> records() {
        return records;
    }

    /** Every invocation of the function, in order. */
    public List<Invocation> invocations() {
        return invocations;
    }

    /** What was sent to the on-failure destination, in order. */
    public List<FailureDestinationRecord> failureDestination() {
        return failureDestination;
    }

    /**
     * The item failures the function reported that the mapping ignored, in invocation order: none
     * unless {@code ReportBatchItemFailures} is off and the function returned failures anyway.
     * Their records were lost. See {@link IgnoredItemFailures}; to fail a test on them: {@code
     * StreamAssertions.assertThat(simulation).hasNoIgnoredItemFailures()}.
     */
    public List<IgnoredItemFailures> ignoredItemFailures() {
        return ignoredItemFailures;
    }

    /**
     * The records the mapping discarded, in stream order: those the failure destination's records
     * describe. With a parallelization factor above 1 a discarded batch need not be a contiguous
     * range of the shard, so these are the records themselves, not the ranges' contents.
     */
    public List<ChangeRecord> discardedRecords() {
        List<ChangeRecord> records = new ArrayList<>();
        for (ChangeRecord record : this.records) {
            if (discarded.contains(record.sequenceNumber())) {
                records.add(record);
            }
        }
        return records;
    }

    /** How often each record was delivered, i.e. was in an invoked batch. */
    public int deliveries(ChangeRecord record) {
        int count = 0;
        for (Invocation invocation : invocations) {
            if (invocation.sequenceNumbers().contains(record.sequenceNumber())) {
                count++;
            }
        }
        return count;
    }

    /** The simulated time when the shard was fully read. */
    public Instant finishedAt() {
        return finishedAt;
    }

    @Override
    public String toString() {
        return "Simulation[" + records.size() + " record(s), " + invocations.size() + " invocation(s), "
                + failureDestination.size() + " batch(es) at the failure destination"
                + (ignoredItemFailures.isEmpty()
                        ? ""
                        : ", " + ignoredItemFailures.size() + " ignored item failure report(s)")
                + "]";
    }
}
