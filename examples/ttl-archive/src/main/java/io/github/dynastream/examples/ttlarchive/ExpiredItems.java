package io.github.dynastream.examples.ttlarchive;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnRemove;
import java.util.Map;
import java.util.Objects;

/**
 * Archives each item that Time to Live deleted. It has no other handler method, so a user's delete,
 * an INSERT or a MODIFY that reaches the function (a missing or edited {@code FilterCriteria}) is a
 * success that does nothing: the filter saves invocations, this class decides.
 */
public class ExpiredItems {
    private final ArchiveStore archive;
    private final ArchiveLayout layout;

    /**
     * @param archive where expired items go
     * @param layout how objects are named
     */
    public ExpiredItems(ArchiveStore archive, ArchiveLayout layout) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    @OnRemove(ttl = OnRemove.Ttl.ONLY) // userIdentity {type: Service, principalId: dynamodb.amazonaws.com}
    void expired(Map<String, AttributeValue> oldImage, ChangeRecord record) {
        archive.put(layout.keyOf(record), ArchiveDocument.toJson(record, oldImage));
    }
}
