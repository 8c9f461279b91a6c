package io.github.dynastream;

/** What happened to the item: the stream record's {@code eventName}. */
public enum EventName {
    /** A new item was added. The record may carry a NewImage. */
    INSERT,
    /** An existing item was updated. The record may carry an OldImage and a NewImage. */
    MODIFY,
    /** An item was deleted, by a user or by TTL expiry. The record may carry an OldImage. */
    REMOVE
}
