/**
 * TTL archive: items that expire by Time to Live written to S3, one object per item; user deletes
 * ignored. The entry point is {@link io.github.dynastream.examples.ttlarchive.TtlArchive#processor}; the
 * Lambda handler is {@link io.github.dynastream.examples.ttlarchive.TtlArchiveHandler}.
 */
package io.github.dynastream.examples.ttlarchive;
