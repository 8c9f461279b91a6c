package io.github.dynastream.internal;

import io.github.dynastream.BatchSummary;
import io.github.dynastream.ProcessingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default listener: one INFO line per batch, counts and timings only. */
public final class BatchLogger implements ProcessingListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.dynastream.StreamProcessor");

    @Override
    public void onBatch(BatchSummary s) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(
                "Batch of {} record(s) in {} ms: {} succeeded, {} duplicate(s) skipped, {} failed, {} dead-lettered,"
                        + " {} not attempted{}{}{}",
                s.records(),
                s.duration().toMillis(),
                s.succeeded(),
                s.skippedDuplicates(),
                s.failed(),
                s.deadLettered(),
                s.notAttempted(),
                s.skippedOlder() == 0 ? "" : ", " + s.skippedOlder() + " older change(s) skipped",
                s.failedSequenceNumber()
                        .map(n -> "; Lambda retries from sequence number " + n)
                        .orElse(""),
                s.iteratorAge()
                        .map(a -> "; iterator age " + a.toMillis() + " ms")
                        .orElse(""));
    }
}
