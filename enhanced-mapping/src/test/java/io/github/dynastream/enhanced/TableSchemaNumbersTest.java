package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.ItemMappingException;
import io.github.dynastream.MalformedAttributeException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.ProcessingListener;
import io.github.dynastream.RecordOutcome;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** Numbers through the Enhanced Client's converters: exact decimals, hostile numbers fail the record. */
class TableSchemaNumbersTest {
    @DynamoDbBean
    public static class Reading {
        private String id;
        private BigDecimal amount;
        private Integer count;
        private Float ratio;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public BigDecimal getAmount() {
            return amount;
        }

        public void setAmount(BigDecimal amount) {
            this.amount = amount;
        }

        public Integer getCount() {
            return count;
        }

        public void setCount(Integer count) {
            this.count = count;
        }

        public Float getRatio() {
            return ratio;
        }

        public void setRatio(Float ratio) {
            this.ratio = ratio;
        }
    }

    private final List<Reading> seen = new ArrayList<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();
    private final StreamProcessor processor = StreamProcessor.builder()
            .itemMapper(TableSchemaMapper.create())
            .handler(new Object() {
                @OnInsert
                void on(Reading reading) {
                    seen.add(reading);
                }
            })
            .listener(ProcessingListener.onRecords(outcomes::add))
            .logBatchSummary(false)
            .build();

    private static String event(String attribute, String number) {
        return "{\"Records\":[{\"eventID\":\"e-1\",\"eventName\":\"INSERT\",\"eventSource\":\"aws:dynamodb\","
                + "\"dynamodb\":{\"Keys\":{\"id\":{\"S\":\"r-1\"}},\"NewImage\":{\"id\":{\"S\":\"r-1\"},\"" + attribute
                + "\":{\"N\":\"" + number + "\"}},\"SequenceNumber\":\"100\",\"StreamViewType\":\"NEW_IMAGE\"}}]}";
    }

    private StreamsEventResponse process(String json) {
        return processor.process(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"213.00", "98.50", "1E+3", "9.9999999999999999999999999999999999999E+125", "1E-130"})
    void decimalsKeepTheirDigitsAndScale(String number) {
        assertThat(process(event("amount", number)).getBatchItemFailures()).isEmpty();

        assertThat(seen)
                .singleElement()
                .satisfies(r -> assertThat(r.getAmount())
                        .isEqualTo(new BigDecimal(number))
                        .hasScaleOf(new BigDecimal(number).scale()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "1e999999999", "-1e-999999999", "1E+126"})
    @Timeout(20)
    void numbersOutsideDynamoDbsRangeFailTheRecordNamingTheAttribute(String number) {
        StreamsEventResponse response = process(event("amount", number));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(seen).isEmpty();
        assertThat(outcomes.get(0).cause())
                .isInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("NewImage.amount")
                .hasMessageContaining("outside DynamoDB's number range");
    }

    @Test
    @Timeout(20)
    void aThousandDigitsFailWithoutTheDigitsInTheMessage() {
        StreamsEventResponse response = process(event("count", "4242".repeat(250)));

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(outcomes.get(0).cause())
                .isInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("NewImage.count")
                .hasMessageContaining("1000 significant digits")
                .hasMessageNotContaining("4242");
    }

    @ParameterizedTest
    @ValueSource(strings = {"213.5", "2147483648"})
    void integersThatDoNotFitTheConverterFailTheRecord(String number) {
        assertThat(process(event("count", number)).getBatchItemFailures()).hasSize(1);

        assertThat(outcomes.get(0).cause())
                .isInstanceOf(ItemMappingException.class)
                .hasMessageContaining("count")
                .hasMessageNotContaining(number);
    }

    @Test
    void aFloatThatWouldBeInfiniteFailsTheRecord() {
        assertThat(process(event("ratio", "3.5E+38")).getBatchItemFailures()).hasSize(1);

        assertThat(outcomes.get(0).cause())
                .isInstanceOf(ItemMappingException.class)
                .hasMessageContaining("ratio");
    }
}
