package io.github.dynastream.examples.s3ingest;

/** The file as a whole cannot be ingested (e.g. a CSV header lacks a required column); nothing was written. */
final class RejectedFileException extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedFileException(String reason) {
        super(reason, null, false, false);
    }
}
