package io.github.dynastream.examples.s3ingest;

/**
 * {@code BatchWriteItem} left items unprocessed after every retry the writer allows. The ingest
 * lets it fail the invocation, so Lambda retries the S3 event; the writes are idempotent (an item's
 * key is its file and line), so the retry rewrites the same items.
 */
public final class UnprocessedItemsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String tableName;
    private final int unprocessed;
    private final int attempts;

    /**
     * @param tableName the table
     * @param unprocessed how many items were left
     * @param attempts how many {@code BatchWriteItem} calls were made
     */
    public UnprocessedItemsException(String tableName, int unprocessed, int attempts) {
        super(unprocessed + " item(s) still unprocessed after " + attempts + " BatchWriteItem attempt(s) on table ["
                + tableName + "]");
        this.tableName = tableName;
        this.unprocessed = unprocessed;
        this.attempts = attempts;
    }

    /** The table. */
    public String tableName() {
        return tableName;
    }

    /** How many items were left unprocessed. */
    public int unprocessed() {
        return unprocessed;
    }

    /** How many {@code BatchWriteItem} calls were made. */
    public int attempts() {
        return attempts;
    }
}
