package io.github.dynastream.testkit;

import io.github.dynastream.ChangeRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which deliveries of which records fail, for testing a handler under Lambda's redelivery: a
 * transient fault fails a record's first n deliveries, a permanent one fails all of them. Records
 * are named by their position in the shard. Immutable; {@link #injector(List)} makes the
 * stateful part.
 *
 * <pre>{@code
 * FailurePlan plan = FailurePlan.none().withTransient(3, 2).withPermanent(7);
 * FailurePlan.Injector faults = plan.injector(stream.records());
 * // in the handler, before its work:
 * faults.onDelivery(record);   // throws InjectedFailure when the plan says so
 * }</pre>
 */
public final class FailurePlan {
    /** The number of failing deliveries that stands for "every delivery". */
    public static final int PERMANENT = Integer.MAX_VALUE;

    private static final FailurePlan NONE = new FailurePlan(Map.of());

    private final Map<Integer, Integer> failingDeliveries;

    private FailurePlan(Map<Integer, Integer> failingDeliveries) {
        this.failingDeliveries = Collections.unmodifiableMap(new TreeMap<>(failingDeliveries));
    }

    /** A plan in which nothing fails. */
    public static FailurePlan none() {
        return NONE;
    }

    /** This plan, with the record at {@code position} failing its first {@code deliveries} deliveries. */
    public FailurePlan withTransient(int position, int deliveries) {
        if (position < 0 || deliveries < 1) {
            throw new IllegalArgumentException(
                    "position must be >= 0 and deliveries >= 1 but were [" + position + ", " + deliveries + "]");
        }
        Map<Integer, Integer> copy = new HashMap<>(failingDeliveries);
        copy.put(position, deliveries);
        return new FailurePlan(copy);
    }

    /** This plan, with the record at {@code position} failing every delivery. */
    public FailurePlan withPermanent(int position) {
        return withTransient(position, PERMANENT);
    }

    /** Position to number of failing deliveries ({@link #PERMANENT} for all). */
    public Map<Integer, Integer> failingDeliveries() {
        return failingDeliveries;
    }

    /** Whether any record is planned to fail permanently. */
    public boolean hasPermanentFailures() {
        return failingDeliveries.containsValue(PERMANENT);
    }

    /** A fresh injector for a shard; positions beyond the shard are ignored. Thread-safe. */
    public Injector injector(List<ChangeRecord> shard) {
        Map<String, Integer> bySequence = new HashMap<>();
        failingDeliveries.forEach((position, deliveries) -> {
            if (position < shard.size()) {
                bySequence.put(shard.get(position).sequenceNumber(), deliveries);
            }
        });
        return new Injector(bySequence);
    }

    @Override
    public String toString() {
        return failingDeliveries.isEmpty() ? "FailurePlan[none]" : "FailurePlan" + failingDeliveries;
    }

    /** Counts deliveries and throws where the plan says. Thread-safe. */
    public static final class Injector {
        private final Map<String, Integer> failing;
        private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

        private Injector(Map<String, Integer> failing) {
            this.failing = failing;
        }

        /**
         * Counts one delivery of the record and fails it if the plan says so.
         *
         * @throws InjectedFailure if this delivery is planned to fail
         */
        public void onDelivery(ChangeRecord record) {
            Objects.requireNonNull(record, "record");
            int delivery = deliveries.merge(record.sequenceNumber(), 1, Integer::sum);
            Integer failingCount = failing.get(record.sequenceNumber());
            if (failingCount != null && delivery <= failingCount) {
                throw new InjectedFailure(record, delivery, failingCount == PERMANENT);
            }
        }

        /** How often the record was delivered to {@link #onDelivery}. */
        public int deliveries(ChangeRecord record) {
            return deliveries.getOrDefault(record.sequenceNumber(), 0);
        }
    }

    /** The exception an {@link Injector} throws for a planned failure. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(ChangeRecord record, int delivery, boolean permanent) {
            super((permanent ? "permanent" : "transient") + " failure planned for delivery " + delivery + " of "
                    + record.sequenceNumber());
        }
    }
}
