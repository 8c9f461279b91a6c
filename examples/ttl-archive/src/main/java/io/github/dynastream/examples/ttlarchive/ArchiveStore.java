package io.github.dynastream.examples.ttlarchive;

/**
 * Where archived items go: one object per key. Writing the same key again replaces the object, so a
 * redelivered expiry, which produces the same key and the same content, leaves the archive as it was.
 *
 * <pre>{@code
 * ArchiveStore archive = new S3ArchiveStore(s3Client, "sessions-archive");
 * archive.put("archive/Sessions/2026/01/01/s-1.json", json);
 * }</pre>
 *
 * <p>Implementations are thread-safe. A put that fails throws; the record is then retried by Lambda.
 */
@FunctionalInterface
public interface ArchiveStore {
    /**
     * Writes one object, replacing any object of that key.
     *
     * @param key the object key
     * @param json the object's content, UTF-8 JSON
     */
    void put(String key, byte[] json);
}
