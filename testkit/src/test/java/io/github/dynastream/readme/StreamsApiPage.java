package io.github.dynastream.readme;

import io.github.dynastream.BatchResult;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.StreamsApiRecords;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** A page of DynamoDB Streams API records (GetRecords), processed outside Lambda. */
public final class StreamsApiPage {
    private StreamsApiPage() {}

    /** Processes one page and says where to continue reading the shard. */
    public static StreamsApiRecords.Checkpoint process(StreamProcessor processor, List<Record> page, String streamArn) {
        BatchResult result = processor.processRecords(StreamsApiRecords.toChangeRecords(page, streamArn));
        // a failed record: read again AT_SEQUENCE_NUMBER retryFrom(); else AFTER_SEQUENCE_NUMBER processedThrough()
        return StreamsApiRecords.checkpoint(result);
    }
}
