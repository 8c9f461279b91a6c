package io.github.dynastream.internal;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes a processor just before the JVM is checkpointed (Lambda SnapStart, CRaC), so the snapshot
 * holds the classes a first batch needs. Only loaded, reflectively, when {@code org.crac} is on the
 * classpath: nothing else in core refers to this class or to {@code org.crac}.
 */
public final class CheckpointPriming implements Resource {
    private final Runnable prime;

    private CheckpointPriming(Runnable prime) {
        this.prime = prime;
    }

    /**
     * Registers priming with the global CRaC context. That context holds its resources weakly, so the
     * caller keeps the returned resource for as long as priming should run.
     */
    public static Resource register(Runnable prime) {
        CheckpointPriming resource = new CheckpointPriming(prime);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    /** Primes; a failure aborts the checkpoint, so a snapshot is never taken half primed unnoticed. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime.run();
    }

    /** Nothing to undo: priming opens nothing, seeds nothing and keeps no clock reading. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {}
}
