package io.github.dynastream.examples.replication;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies each change to the replica. The images are taken raw ({@code Map<String, AttributeValue>}),
 * not mapped to a class, so attributes this code has never heard of, sets, binary values and 38-digit
 * numbers reach the replica exactly as the source table holds them.
 */
public class ReplicationEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationEvents.class);

    private final ReplicaStore replica;

    /** @param replica where changes are copied to */
    public ReplicationEvents(ReplicaStore replica) {
        this.replica = Objects.requireNonNull(replica, "replica");
    }

    @OnInsert
    @OnModify
    void copy(Map<String, AttributeValue> newImage, ChangeRecord record) {
        BigDecimal version = versionOf(newImage, record, "NewImage");
        if (!replica.putIfNewer(record.keys(), newImage, version)) {
            LOG.debug("record {}: the replica already holds this version or a newer one", record.eventId());
        }
    }

    @OnRemove
    void delete(Map<String, AttributeValue> oldImage, ChangeRecord record) {
        BigDecimal version = versionOf(oldImage, record, "OldImage");
        if (!replica.deleteIfNotNewer(record.keys(), version)) {
            LOG.debug("record {}: the replica holds a newer version than the one deleted", record.eventId());
        }
    }

    private static BigDecimal versionOf(Map<String, AttributeValue> image, ChangeRecord record, String imageName) {
        AttributeValue version = image.get(ReplicaStore.VERSION);
        if (version == null) {
            throw new MissingVersionException(record.eventId(), imageName, "is missing");
        }
        if (!(version instanceof AttributeValue.N number)) {
            throw new MissingVersionException(record.eventId(), imageName, "is of type " + version.type() + ", not N");
        }
        return number.value();
    }
}
