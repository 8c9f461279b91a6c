package io.github.dynastream.examples.s3ingest;

import java.util.List;

/**
 * Some objects of an S3 event could not be ingested (their rows could not all be written, or the
 * object could not be read); the others were. Thrown out of the handler so that the invocation fails
 * and Lambda retries the event, then sends it to the function's on-failure destination. Names the
 * objects, never their content.
 */
public final class IngestFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<UploadedObject> failed;

    /**
     * @param failed the objects not ingested
     * @param cause the first failure (the others are suppressed exceptions)
     */
    public IngestFailedException(List<UploadedObject> failed, Throwable cause) {
        super("could not ingest " + failed.size() + " object(s): " + failed + "; the event is retried", cause);
        this.failed = List.copyOf(failed);
    }

    /** The objects not ingested. */
    public List<UploadedObject> failed() {
        return failed;
    }
}
