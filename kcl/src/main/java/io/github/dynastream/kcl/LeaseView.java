package io.github.dynastream.kcl;

/** Whether this worker may still work on a shard: it holds the lease and no one asked for it back. */
interface LeaseView {
    boolean holds(String shardId);
}
