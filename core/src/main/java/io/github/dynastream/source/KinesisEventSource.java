package io.github.dynastream.source;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.MalformedEventException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The source adapter for aws-lambda-java-events' {@link KinesisEvent} from a Kinesis data stream that
 * Kinesis Data Streams for DynamoDB writes to: each Kinesis record's payload (which the managed
 * runtime has already base64-decoded) is read as the DynamoDB change record it carries, with the
 * Kinesis sequence number as the record's {@link ChangeRecord#sequenceNumber()}, so the partial batch
 * response names what Lambda expects on Kinesis.
 *
 * <pre>{@code
 * SourceBatch batch = KinesisEventSource.create(EventJsonSource.create(InPlaceReaders.NONE, 32)).read(event);
 * }</pre>
 *
 * <p>A payload larger than {@link EventJsonSource#MAX_KINESIS_PAYLOAD_BYTES}, or one that is not a
 * DynamoDB change record, ends the batch at its record ({@link SourceBatch#unreadable()}): the
 * response names its sequence number once every record before it completed. A record without a
 * sequence number fails the event, as the response could not name it. Immutable and thread-safe.
 */
public final class KinesisEventSource implements ChangeSource<KinesisEvent> {
    private static final String KINESIS_EVENT_SOURCE = "aws:kinesis";

    private final EventJsonSource payloads;

    private KinesisEventSource(EventJsonSource payloads) {
        this.payloads = payloads;
    }

    /** @param payloads reads each payload, with its parser settings, nesting limit and in-place readers */
    public static KinesisEventSource create(EventJsonSource payloads) {
        return new KinesisEventSource(Objects.requireNonNull(payloads, "payloads"));
    }

    /**
     * Reads the event's records, in order, up to the first one whose payload cannot be read.
     *
     * @throws MalformedEventException if the event is null, has no records list, or a record is null,
     *     has no {@code kinesis} object or sequence number, or comes from another event source
     */
    @Override
    public SourceBatch read(KinesisEvent event) {
        if (event == null) {
            throw new MalformedEventException("The event is null");
        }
        List<KinesisEvent.KinesisEventRecord> in = event.getRecords();
        if (in == null) {
            throw new MalformedEventException("The event has no \"Records\" list");
        }
        List<ChangeRecord> out = new ArrayList<>(in.size());
        for (int index = 0; index < in.size(); index++) {
            KinesisEvent.KinesisEventRecord r = in.get(index);
            String sequenceNumber = sequenceNumber(r, index);
            try {
                out.add(payloads.readKinesisPayload(
                        payload(r, index, sequenceNumber), index, sequenceNumber, r.getEventSourceARN()));
            } catch (MalformedEventException unreadable) {
                // The records after it are not read (as in the raw JSON): processing would stop here anyway.
                return SourceBatch.stoppedAt(out, new SourceBatch.Unreadable(sequenceNumber, unreadable));
            }
        }
        return SourceBatch.of(out);
    }

    /** The record's sequence number; a record the response could not name fails the event. */
    private static String sequenceNumber(KinesisEvent.KinesisEventRecord r, int index) {
        if (r == null) {
            throw new MalformedEventException(index, null, null, "is null", null);
        }
        if (r.getEventSource() != null && !KINESIS_EVENT_SOURCE.equals(r.getEventSource())) {
            throw new MalformedEventException(
                    index,
                    r.getEventID(),
                    "eventSource",
                    "is \"" + r.getEventSource() + "\", expected \"" + KINESIS_EVENT_SOURCE + "\"",
                    null);
        }
        if (r.getKinesis() == null) {
            throw RecordChecks.missing(index, r.getEventID(), "kinesis", "; is this a Kinesis event?");
        }
        if (r.getKinesis().getSequenceNumber() == null) {
            throw RecordChecks.missing(
                    index,
                    r.getEventID(),
                    "kinesis.sequenceNumber",
                    ", so a failure of this record could not be reported");
        }
        return r.getKinesis().getSequenceNumber();
    }

    private static byte[] payload(KinesisEvent.KinesisEventRecord r, int index, String sequenceNumber) {
        ByteBuffer data = r.getKinesis().getData();
        if (data == null) {
            throw new MalformedEventException(
                    index, sequenceNumber, null, RecordChecks.KINESIS_PAYLOAD, "is missing", null);
        }
        ByteBuffer view = data.duplicate();
        if (view.remaining() > EventJsonSource.MAX_KINESIS_PAYLOAD_BYTES) {
            throw new MalformedEventException(
                    index,
                    sequenceNumber,
                    null,
                    RecordChecks.KINESIS_PAYLOAD,
                    EventJsonSource.tooLong(view.remaining() + " bytes"),
                    null);
        }
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
