package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/** A test stream's JSON read back the two ways a Lambda function receives it. */
final class ReadBack {
    private ReadBack() {}

    /** The records dynastream's streaming parser reads from the stream's JSON. */
    static List<ChangeRecord> parsed(TestStream stream) {
        List<ChangeRecord> parsed = new ArrayList<>();
        StreamProcessor.builder()
                .logBatchSummary(false)
                .handler(new Object() {
                    @OnInsert
                    @OnModify
                    @OnRemove
                    void on(ChangeRecord record) {
                        parsed.add(record);
                    }
                })
                .build()
                .process(stream.toInputStream());
        return parsed;
    }

    /** The event the managed Java runtime's deserializer makes of the stream's JSON. */
    static DynamodbEvent viaRuntime(TestStream stream) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, ReadBack.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(stream.toJsonBytes()));
    }
}
