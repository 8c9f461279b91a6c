package io.github.dynastream.examples.orderaudit;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The handler: every INSERT, MODIFY and REMOVE of an order becomes one {@link AuditEntry}.
 *
 * <p>It reads the images as DynamoDB attributes rather than mapping them to an order class, so that
 * no item the writer produces, however malformed, can stop the audit: an unexpected {@code status}
 * is recorded as a changed attribute, without a status value.
 */
final class OrderAuditEvents {
    private final AuditLog log;

    OrderAuditEvents(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @OnInsert
    @OnModify
    @OnRemove
    void audit(ChangeRecord record) {
        log.append(entryFor(record));
    }

    static AuditEntry entryFor(ChangeRecord record) {
        Map<String, AttributeValue> oldImage = record.oldImage().orElse(null);
        Map<String, AttributeValue> newImage = record.newImage().orElse(null);
        EventName name = record.eventName();
        if ((name != EventName.INSERT && oldImage == null) || (name != EventName.REMOVE && newImage == null)) {
            throw new IllegalStateException("record " + record.eventId() + " (" + name
                    + ") lacks an image: the Orders stream must have StreamViewType NEW_AND_OLD_IMAGES");
        }
        boolean ttl = record.isTimeToLiveDelete();
        return new AuditEntry(
                orderId(record),
                record.sequenceNumber(),
                record.eventId(),
                name,
                name == EventName.MODIFY ? changedAttributes(oldImage, newImage) : List.of(),
                text(oldImage, "status"),
                text(newImage, "status"),
                record.approximateCreationDateTime().orElse(null),
                ttl ? AuditEntry.TIME_TO_LIVE_PRINCIPAL : text(newImage, "updatedBy"),
                ttl);
    }

    private static String orderId(ChangeRecord record) {
        if (record.keys().get("id") instanceof AttributeValue.S id) {
            return id.value();
        }
        throw new IllegalStateException(
                "record " + record.eventId() + " has no string key attribute [id]; its keys are "
                        + record.keys().keySet());
    }

    /** Top-level attributes added, removed or given another value (numbers compare numerically). */
    private static List<String> changedAttributes(
            Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Set<String> names = new TreeSet<>(oldImage.keySet());
        names.addAll(newImage.keySet());
        names.removeIf(name -> Objects.equals(oldImage.get(name), newImage.get(name)));
        return List.copyOf(names);
    }

    private static String text(Map<String, AttributeValue> image, String attribute) {
        return image != null && image.get(attribute) instanceof AttributeValue.S value ? value.value() : null;
    }
}
