package io.github.dynastream.examples.replication;

/**
 * A change whose image has no numeric {@value ReplicaStore#VERSION} attribute: it cannot be ordered
 * against what the replica holds, so its record fails rather than be copied on a guess. The message
 * names the record and the attribute, never a value.
 */
public final class MissingVersionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String eventId;

    /**
     * @param eventId the record's event id
     * @param image which image lacked the version ({@code NewImage} or {@code OldImage})
     * @param problem what was wrong, without the value
     */
    public MissingVersionException(String eventId, String image, String problem) {
        super("record " + eventId + ": " + image + "." + ReplicaStore.VERSION + " " + problem
                + "; the writer must set a number attribute [" + ReplicaStore.VERSION
                + "] on every item and increment it on each update");
        this.eventId = eventId;
    }

    /** The event id of the record that failed. */
    public String eventId() {
        return eventId;
    }
}
