package io.github.dynastream;

/**
 * The item before and after a change, for handler methods that want both.
 *
 * <pre>{@code
 * @OnModify(changed = "status")
 * void statusChanged(Change<Order> change) {
 *     log.info("{} -> {}", change.oldItem().status(), change.newItem().status());
 * }
 * }</pre>
 *
 * <p>For INSERT {@code oldItem} is null; for REMOVE {@code newItem} is null; for MODIFY both are
 * present (a MODIFY on a stream that does not deliver both images fails that record).
 *
 * @param oldItem the item mapped from the OldImage, or null for an INSERT
 * @param newItem the item mapped from the NewImage, or null for a REMOVE
 * @param <T> the item type
 */
public record Change<T>(T oldItem, T newItem) {}
