package io.github.dynastream.kcl;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.enhanced.SdkAttributeValues;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** The testkit's records as the DynamoDB Streams API returns them, which is what the adapter hands KCL. */
final class SdkRecords {
    private SdkRecords() {}

    static List<Record> of(List<ChangeRecord> records) {
        return records.stream().map(SdkRecords::of).toList();
    }

    static Record of(ChangeRecord r) {
        StreamRecord.Builder stream = StreamRecord.builder()
                .sequenceNumber(r.sequenceNumber())
                .keys(SdkAttributeValues.toSdk(r.keys()))
                .streamViewType(r.streamViewType().map(Enum::name).orElse("NEW_AND_OLD_IMAGES"));
        r.approximateCreationDateTime().ifPresent(stream::approximateCreationDateTime);
        r.oldImage().ifPresent(image -> stream.oldImage(SdkAttributeValues.toSdk(image)));
        r.newImage().ifPresent(image -> stream.newImage(SdkAttributeValues.toSdk(image)));
        return Record.builder()
                .eventID(r.eventId())
                .eventName(r.eventName().name())
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("us-east-1")
                .dynamodb(stream.build())
                .build();
    }
}
