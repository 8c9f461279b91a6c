package io.github.dynastream.examples.orderaudit;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.testkit.FailurePlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An audit log that fails where a {@link FailurePlan} says (before writing, as a throttled or
 * unreachable table does) and records which stream records it wrote an entry for.
 */
final class FlakyAuditLog implements AuditLog {
    private final AuditLog delegate;
    private final FailurePlan.Injector faults;
    private final Map<String, ChangeRecord> bySequenceNumber;
    private final List<ChangeRecord> written = Collections.synchronizedList(new ArrayList<>());

    FlakyAuditLog(AuditLog delegate, FailurePlan plan, List<ChangeRecord> shard) {
        this.delegate = delegate;
        this.faults = plan.injector(shard);
        this.bySequenceNumber =
                shard.stream().collect(Collectors.toMap(ChangeRecord::sequenceNumber, Function.identity()));
    }

    @Override
    public boolean append(AuditEntry entry) {
        ChangeRecord record = bySequenceNumber.get(entry.sequenceNumber());
        faults.onDelivery(record);
        boolean wrote = delegate.append(entry);
        if (wrote) {
            written.add(record);
        }
        return wrote;
    }

    @Override
    public List<AuditEntry> history(String orderId) {
        return delegate.history(orderId);
    }

    /** The records whose entry this log wrote, in the order written. */
    List<ChangeRecord> written() {
        return List.copyOf(written);
    }
}
