package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.BatchResult;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.source.SourceBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

class StreamsApiRecordsTest {
    private static final String ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/Shipments/stream/2026-01-01T00:00:00.000";

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    private static Record modify(String sequence, String from, String to) {
        return Record.builder()
                .eventID("e-" + sequence)
                .eventName(OperationType.MODIFY)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("eu-west-1")
                .dynamodb(d -> d.sequenceNumber(sequence)
                        .approximateCreationDateTime(Instant.parse("2026-11-22T10:00:00Z"))
                        .sizeBytes(40L)
                        .streamViewType("NEW_AND_OLD_IMAGES")
                        .keys(Map.of("id", s("a")))
                        .oldImage(Map.of("id", s("a"), "status", s(from)))
                        .newImage(Map.of("id", s("a"), "status", s(to))))
                .build();
    }

    @Test
    void streamsApiRecordsBecomeChangeRecords() {
        Record ttl = Record.builder()
                .eventID("e-3")
                .eventName(OperationType.REMOVE)
                .userIdentity(Identity.builder()
                        .type("Service")
                        .principalId("dynamodb.amazonaws.com")
                        .build())
                .dynamodb(
                        d -> d.sequenceNumber("300").streamViewType("KEYS_ONLY").keys(Map.of("id", s("a"))))
                .build();

        List<ChangeRecord> records = StreamsApiRecords.toChangeRecords(List.of(modify("100", "NEW", "PAID"), ttl), ARN);

        ChangeRecord first = records.get(0);
        assertThat(first.eventName()).isEqualTo(EventName.MODIFY);
        assertThat(first.sequenceNumber()).isEqualTo("100");
        assertThat(first.tableName()).contains("Shipments");
        assertThat(first.approximateCreationDateTime()).contains(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(first.streamViewType()).contains(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(first.oldImage().orElseThrow()).containsEntry("status", AttributeValue.s("NEW"));
        assertThat(first.newImage().orElseThrow()).containsEntry("status", AttributeValue.s("PAID"));
        assertThat(records.get(1).isTimeToLiveDelete()).isTrue();
        assertThat(records.get(1).hasOldImage()).isFalse();
    }

    @Test
    void theResultBecomesACheckpoint() {
        List<String> seen = new ArrayList<>();
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnModify
                    void on(ChangeRecord r) {
                        seen.add(r.sequenceNumber());
                        if (r.sequenceNumber().equals("200")) {
                            throw new IllegalStateException("fails");
                        }
                    }

                    @OnRemove
                    void removed(ChangeRecord r) {}
                })
                .build();
        List<ChangeRecord> page = StreamsApiRecords.toChangeRecords(
                List.of(modify("100", "A", "B"), modify("200", "B", "C"), modify("300", "C", "D")), ARN);

        BatchResult failed = processor.processRecords(page);
        BatchResult succeeded = processor.processRecords(page.subList(2, 3));

        assertThat(StreamsApiRecords.checkpoint(failed))
                .isEqualTo(new StreamsApiRecords.Checkpoint(Optional.of("100"), Optional.of("200")));
        assertThat(StreamsApiRecords.checkpoint(succeeded))
                .isEqualTo(new StreamsApiRecords.Checkpoint(Optional.of("300"), Optional.empty()));
        assertThat(seen).containsExactly("100", "200", "300");
    }

    @Test
    void asAResponseAdapterTheCheckpointRetriesFromARecordTheSourceCouldNotRead() {
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new Object() {
                    @OnModify
                    void on(ChangeRecord r) {}
                })
                .build();
        List<ChangeRecord> read = StreamsApiRecords.toChangeRecords(List.of(modify("100", "A", "B")), ARN);
        SourceBatch stopped = SourceBatch.stoppedAt(
                read, new SourceBatch.Unreadable("200", new MalformedEventException("Record 1: dynamodb is missing")));

        StreamsApiRecords.Checkpoint checkpoint =
                StreamsApiRecords.CHECKPOINTS.toResponse(stopped, processor.processRecords(stopped.records()));

        assertThat(checkpoint).isEqualTo(new StreamsApiRecords.Checkpoint(Optional.of("100"), Optional.of("200")));
    }

    @Test
    void aRecordWithoutSequenceNumberIsRejected() {
        Record broken = Record.builder()
                .eventID("e-1")
                .eventName(OperationType.INSERT)
                .dynamodb(d -> d.keys(Map.of()))
                .build();

        assertThatThrownBy(() -> StreamsApiRecords.toChangeRecords(List.of(broken), ARN))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("Record 0 (eventID=e-1): dynamodb.SequenceNumber is missing,"
                        + " so a failure of this record could not be reported");
    }

    @Test
    void anUnknownViewTypeIsRejectedNamingRecordAndField() {
        Record broken = Record.builder()
                .eventID("e-1")
                .eventName(OperationType.INSERT)
                .dynamodb(d -> d.sequenceNumber("100").streamViewType("ALL").keys(Map.of()))
                .build();

        assertThatThrownBy(() -> StreamsApiRecords.toChangeRecords(List.of(broken), ARN))
                .isExactlyInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith(
                        "Record 0 (eventID=e-1): dynamodb.StreamViewType is \"ALL\", which is not one of");
    }
}
