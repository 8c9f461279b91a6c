package io.github.dynastream.testkit;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Simulation}. The handler-side checks take {@code handled}: the records your
 * handler completed, in the order it completed them (record them in the handler, e.g. into a
 * synchronized list, only after its work succeeded).
 *
 * @param <SELF> the assertion's own type, for chaining
 */
public abstract class AbstractSimulationAssert<SELF extends AbstractSimulationAssert<SELF>>
        extends AbstractAssert<SELF, Simulation> {

    protected AbstractSimulationAssert(Simulation actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Each item's changes were handled in stream order, without gaps: the first successful handling of
     * a change came after that of every earlier change of the same item, unless the earlier one was
     * discarded to the failure destination.
     */
    public SELF handledEachKeyInOrder(List<ChangeRecord> handled) {
        Objects.requireNonNull(handled, "handled");
        isNotNull();
        Map<String, Integer> position = positions();
        Set<String> discarded = sequenceNumbers(actual.discardedRecords());
        Map<Map<String, AttributeValue>, Integer> lastByKey = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ChangeRecord record : handled) {
            Integer at = position.get(record.sequenceNumber());
            if (at == null) {
                failWithMessage(
                        "%nExpecting handled records to come from the simulated shard but%n  %s%nis not in it",
                        describe(record));
            }
            if (!seen.add(record.sequenceNumber())) {
                continue; // a redelivery after the first success
            }
            Map<String, AttributeValue> key = record.keys();
            int previous = lastByKey.getOrDefault(key, -1);
            if (at < previous) {
                failWithMessage(
                        "%nExpecting the changes of item %s to be handled in stream order but%n  %s%nwas handled after%n  %s",
                        key, describe(record), describe(actual.records().get(previous)));
            }
            for (int i = previous + 1; i < at; i++) {
                ChangeRecord skipped = actual.records().get(i);
                if (skipped.keys().equals(key)
                        && !seen.contains(skipped.sequenceNumber())
                        && !discarded.contains(skipped.sequenceNumber())) {
                    failWithMessage(
                            "%nExpecting the changes of item %s to be handled without gaps but%n  %s%nwas handled while the earlier%n  %s%nwas neither handled nor sent to the failure destination",
                            key, describe(record), describe(skipped));
                }
            }
            lastByKey.put(key, at);
        }
        return myself;
    }

    /** Every record was handled at least once, or was discarded to the failure destination. */
    public SELF lostNothing(List<ChangeRecord> handled) {
        Objects.requireNonNull(handled, "handled");
        isNotNull();
        Set<String> done = sequenceNumbers(handled);
        done.addAll(sequenceNumbers(actual.discardedRecords()));
        List<String> lost = new ArrayList<>();
        for (ChangeRecord record : actual.records()) {
            if (!done.contains(record.sequenceNumber())) {
                lost.add(describe(record));
            }
        }
        if (!lost.isEmpty()) {
            failWithMessage(
                    "%nExpecting every record to be handled or sent to the failure destination but these were neither:%n  %s",
                    String.join("\n  ", lost));
        }
        return myself;
    }

    /** Every record that was not discarded was handled exactly once (what idempotency guarantees). */
    public SELF handledEachEventExactlyOnce(List<ChangeRecord> handled) {
        Objects.requireNonNull(handled, "handled");
        isNotNull();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChangeRecord record : handled) {
            counts.merge(record.sequenceNumber(), 1, Integer::sum);
        }
        Set<String> discarded = sequenceNumbers(actual.discardedRecords());
        List<String> wrong = new ArrayList<>();
        for (ChangeRecord record : actual.records()) {
            int count = counts.getOrDefault(record.sequenceNumber(), 0);
            boolean ok = discarded.contains(record.sequenceNumber()) ? count <= 1 : count == 1;
            if (!ok) {
                wrong.add(describe(record) + " handled " + count + " time(s)");
            }
        }
        if (!wrong.isEmpty()) {
            failWithMessage(
                    "%nExpecting every record to be handled exactly once but:%n  %s", String.join("\n  ", wrong));
        }
        return myself;
    }

    /** Nothing reached the on-failure destination. */
    public SELF hasNothingAtFailureDestination() {
        isNotNull();
        if (!actual.failureDestination().isEmpty()) {
            failWithMessage(
                    "%nExpecting nothing at the failure destination but was:%n  %s", actual.failureDestination());
        }
        return myself;
    }

    /** Exactly these records were discarded to the failure destination, in this order. */
    public SELF discarded(ChangeRecord... records) {
        isNotNull();
        List<String> expected =
                List.of(records).stream().map(ChangeRecord::sequenceNumber).toList();
        List<String> discarded = actual.discardedRecords().stream()
                .map(ChangeRecord::sequenceNumber)
                .toList();
        if (!discarded.equals(expected)) {
            failWithMessage(
                    "%nExpecting the failure destination to cover exactly%n  %s%nbut was:%n  %s", expected, discarded);
        }
        return myself;
    }

    /**
     * The mapping ignored no item failures: the function never returned failures while {@code
     * ReportBatchItemFailures} was off. When it did, Lambda took the invocation for a success and
     * checkpointed past the records the function asked to have retried; the message names them.
     *
     * <pre>{@code
     * StreamAssertions.assertThat(simulation).hasNoIgnoredItemFailures();
     * }</pre>
     */
    public SELF hasNoIgnoredItemFailures() {
        isNotNull();
        List<IgnoredItemFailures> ignored = actual.ignoredItemFailures();
        if (!ignored.isEmpty()) {
            List<String> lost = new ArrayList<>();
            List<String> reports = new ArrayList<>();
            for (IgnoredItemFailures failures : ignored) {
                lost.addAll(failures.lostSequenceNumbers());
                reports.add("invocation #" + failures.invocation().number() + " reported "
                        + failures.itemIdentifiers() + ", Lambda checkpointed past "
                        + failures.lostSequenceNumbers());
            }
            failWithMessage(
                    "%nLambda would ignore these failures because ReportBatchItemFailures is not enabled: records lost %s%n  %s%n"
                            + "Turn it on with reportBatchItemFailures(true) if the function is deployed with it",
                    lost, String.join("\n  ", reports));
        }
        return myself;
    }

    /** The function was invoked exactly this often. */
    public SELF hasInvocationCount(int expected) {
        isNotNull();
        if (actual.invocations().size() != expected) {
            failWithMessage(
                    "%nExpecting %s invocation(s) but was %s:%n  %s",
                    expected, actual.invocations().size(), actual.invocations());
        }
        return myself;
    }

    private Map<String, Integer> positions() {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < actual.records().size(); i++) {
            positions.put(actual.records().get(i).sequenceNumber(), i);
        }
        return positions;
    }

    private static Set<String> sequenceNumbers(List<ChangeRecord> records) {
        Set<String> numbers = new HashSet<>();
        for (ChangeRecord record : records) {
            numbers.add(record.sequenceNumber());
        }
        return numbers;
    }

    private static String describe(ChangeRecord record) {
        return record.eventName() + " " + record.sequenceNumber() + " (eventID " + record.eventId() + ")";
    }
}
