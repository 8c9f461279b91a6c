package io.github.dynastream.examples.orderaudit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AuditLog} in memory, for tests and the demo: it keeps every entry and says how many
 * appends it turned away as duplicates.
 *
 * <pre>{@code
 * InMemoryAuditLog log = new InMemoryAuditLog();
 * OrderAudit.processor(log).process(event);
 * log.entries();              // every entry, in the order written
 * log.duplicatesIgnored();    // appends of records whose entry was there already
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog {
    private record Key(String orderId, String sortKey) {}

    private final Map<Key, AuditEntry> entries = new LinkedHashMap<>();
    private int duplicatesIgnored;

    @Override
    public synchronized boolean append(AuditEntry entry) {
        Key key = new Key(entry.orderId(), entry.sortKey());
        AuditEntry existing = entries.get(key);
        if (existing == null) {
            entries.put(key, entry);
            return true;
        }
        if (!existing.eventId().equals(entry.eventId())) {
            // as DynamoDbAuditLog: no order id (an attribute value) in the message
            throw new IllegalStateException("an audit entry for sequence number " + entry.sequenceNumber()
                    + " exists for eventID " + existing.eventId() + ", not " + entry.eventId());
        }
        duplicatesIgnored++;
        return false;
    }

    @Override
    public synchronized List<AuditEntry> history(String orderId) {
        List<AuditEntry> history = new ArrayList<>();
        for (AuditEntry entry : entries.values()) {
            if (entry.orderId().equals(orderId)) {
                history.add(entry);
            }
        }
        history.sort(Comparator.comparing(AuditEntry::sortKey));
        return history;
    }

    /** Every entry, in the order they were written. */
    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** How many appends found their entry there already (redeliveries). */
    public synchronized int duplicatesIgnored() {
        return duplicatesIgnored;
    }
}
