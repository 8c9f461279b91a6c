package io.github.dynastream;

import io.github.dynastream.internal.ApiExceptions;
import java.time.Instant;

/** The package-private constructors, for internal code (see {@link ApiExceptions}). */
final class ExceptionFactory extends ApiExceptions {
    @Override
    public HandlerDefinitionException handlerDefinition(String handlerClass, String method, String reason) {
        return new HandlerDefinitionException(handlerClass, method, reason);
    }

    @Override
    public MissingImageException missingImage(
            String eventId, String sequenceNumber, String image, StreamViewType streamViewType, String neededBy) {
        return new MissingImageException(eventId, sequenceNumber, image, streamViewType, neededBy);
    }

    @Override
    public RecordInProgressException recordInProgress(String eventId, String sequenceNumber, Instant leaseExpiresAt) {
        return new RecordInProgressException(eventId, sequenceNumber, leaseExpiresAt);
    }
}
