package io.github.dynastream.source;

import static io.github.dynastream.TestEvents.insert;
import static io.github.dynastream.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.Fixtures;
import io.github.dynastream.MalformedAttributeException;
import io.github.dynastream.MalformedEventException;
import io.github.dynastream.TestEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonSourceTest {

    private static List<ChangeRecord> parse(String json) {
        return Fixtures.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> newImage(String image) {
        return parse(json(insert("k", 1, image))).get(0).newImage().orElseThrow();
    }

    @Test
    void numbersAreExactTo38DigitsAndBeyond() {
        String digits38 = "12345678901234567890.123456789012345678";
        Map<String, AttributeValue> image = newImage("{\"a\":{\"N\":\"" + digits38 + "\"},\"b\":{\"N\":\"-1E-130\"},"
                + "\"c\":{\"N\":\"99999999999999999999999999999999999999E+87\"}}");

        assertThat(((AttributeValue.N) image.get("a")).value()).isEqualTo(new BigDecimal(digits38));
        assertThat(((AttributeValue.N) image.get("a")).value().toPlainString()).isEqualTo(digits38);
        assertThat(((AttributeValue.N) image.get("b")).value()).isEqualByComparingTo("-1E-130");
        assertThat(((AttributeValue.N) image.get("c")).value())
                .isEqualByComparingTo("99999999999999999999999999999999999999E+87");
    }

    @Test
    void emptyCollectionsAndNullAreKept() {
        Map<String, AttributeValue> image =
                newImage("{\"l\":{\"L\":[]},\"m\":{\"M\":{}},\"n\":{\"NULL\":true},\"ss\":{\"SS\":[]}}");

        assertThat(image)
                .containsEntry("l", new AttributeValue.L(List.of()))
                .containsEntry("m", new AttributeValue.M(Map.of()))
                .containsEntry("n", AttributeValue.Null.INSTANCE)
                .containsEntry("ss", new AttributeValue.SS(List.of()));
    }

    @Test
    void nestsAsDeepAsDynamoDbAllows() {
        int wraps = 31; // 32 levels: the top-level attribute and 31 maps and lists around the leaf
        String value = "{\"S\":\"leaf\"}";
        for (int i = 0; i < wraps; i++) {
            value = (i % 2 == 0) ? "{\"L\":[" + value + "]}" : "{\"M\":{\"x\":" + value + "}}";
        }
        AttributeValue current = newImage("{\"deep\":" + value + "}").get("deep");
        for (int i = wraps - 1; i >= 0; i--) {
            current = (i % 2 == 0)
                    ? ((AttributeValue.L) current).value().get(0)
                    : ((AttributeValue.M) current).value().get("x");
        }
        assertThat(current).isEqualTo(AttributeValue.s("leaf"));
    }

    @Test
    void binaryIsBytes() {
        Map<String, AttributeValue> image =
                newImage("{\"b\":{\"B\":\"AAEqQQ==\"},\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}");

        assertThat(((AttributeValue.B) image.get("b")).value()).containsExactly(0, 1, 42, 65);
        assertThat(((AttributeValue.BS) image.get("bs")).value()).containsExactly(new byte[] {1}, new byte[] {2});
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1480642020|2016-12-02T01:27:00Z",
                "1.635734407123456789E9|2021-11-01T02:40:07.123456789Z",
                "1693997155.0|2023-09-06T10:45:55Z",
                "\"1.46480646E9\"|2016-06-01T18:41:00Z",
                "\"2026-01-01T00:00:00.5Z\"|2026-01-01T00:00:00.500Z",
                "1731924555370|2024-11-18T10:09:15.370Z",
                "1731924555370123|2024-11-18T10:09:15.370123Z"
            })
    void creationTimeForms(String json, String expected) {
        String record = insert("k", 1, "{}")
                .replace("\"ApproximateCreationDateTime\":1767225600", "\"ApproximateCreationDateTime\":" + json);

        assertThat(parse(json(record)).get(0).approximateCreationDateTime()).contains(Instant.parse(expected));
    }

    @Test
    void malformedCreationTimeNamesRecordAndField() {
        String record = insert("k", 1, "{}").replace("1767225600", "\"yesterday\"");

        assertThatThrownBy(() -> parse(json(record)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 0 (eventID=e-1)")
                .hasMessageContaining("ApproximateCreationDateTime");
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"Records\":[{\"eventID\":}]}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1, column");
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("The event is empty");
        assertThatThrownBy(() -> parse("   \n"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("The event is empty");
    }

    @Test
    void noRecordsArrayListsTheFieldsSeen() {
        assertThatThrownBy(() -> parse("{\"records\":[],\"foo\":1}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("no \"Records\" array")
                .hasMessageContaining("[foo, records]");
        assertThatThrownBy(() -> parse("{\"Records\":{}}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("\"Records\" is an object, expected an array of stream records");
        assertThatThrownBy(() -> parse("42"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("The event is a number (VALUE_NUMBER_INT)");
    }

    @Test
    void recordWithoutSequenceNumberIsRejected() {
        String record = insert("k", 7, "{}").replaceAll("\"SequenceNumber\":\"[0-9]+\",", "");

        assertThatThrownBy(() -> parse(json(insert("k", 6, "{}"), record)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 1 (eventID=e-7): dynamodb.SequenceNumber is missing");
    }

    @Test
    void recordsMustBeObjectsWithKnownEventNames() {
        assertThatThrownBy(() -> parse("{\"Records\":[1]}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 0 is a number, expected an object (a stream record)");
        assertThatThrownBy(() -> parse(json(insert("k", 1, "{}").replace("\"INSERT\"", "\"UPSERT\""))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventName is \"UPSERT\", which is not one of [INSERT, MODIFY, REMOVE]");
        assertThatThrownBy(() -> parse(json(insert("k", 1, "{}").replace("\"NEW_AND_OLD_IMAGES\"", "\"ALL\""))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("dynamodb.StreamViewType is \"ALL\"");
        assertThatThrownBy(() -> parse(json(insert("k", 1, "{}").replace("\"eventID\":\"e-1\",", ""))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Record 0: eventID is missing");
    }

    @Test
    void trailingContentIsRejected() {
        assertThatThrownBy(() -> parse(json(insert("k", 1, "{}")) + " {}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Unexpected content after the end of the event");
    }

    @Test
    void emptyRecordsArrayIsAnEmptyBatch() {
        assertThat(parse("{\"Records\":[]}")).isEmpty();
        assertThat(parse("[]")).isEmpty();
    }

    @Test
    void malformedAttributeFailsOnlyWhenDecodedAndNamesThePath() {
        List<ChangeRecord> records = parse(json(insert("k", 1, "{\"a\":{\"M\":{\"b\":{\"X\":\"secret\"}}}}")));
        ChangeRecord record = records.get(0);

        assertThat(record.keys()).containsEntry("id", AttributeValue.s("k"));
        assertThatThrownBy(record::newImage)
                .isInstanceOf(MalformedAttributeException.class)
                .hasMessageContaining("NewImage.a.b")
                .hasMessageContaining("unknown type descriptor \"X\"")
                .hasMessageContaining("eventID=e-1")
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"N\":\"twelve\"}|N is not a decimal number",
                "{\"B\":\"!!\"}|B is not valid base64",
                "{\"S\":1}|S must be a JSON string",
                "{\"S\":\"x\",\"N\":\"1\"}|more than one type key",
                "{}|the attribute value object is empty",
                "{\"NULL\":false}|NULL must be true",
                "{\"BOOL\":\"yes\"}|BOOL must be a JSON boolean",
                "{\"L\":{}}|expected an L array"
            })
    void malformedAttributeValues(String value, String reason) {
        ChangeRecord record =
                parse(json(insert("k", 1, "{\"a\":" + value + "}"))).get(0);

        assertThatThrownBy(record::newImage)
                .isInstanceOfSatisfying(MalformedAttributeException.class, e -> {
                    assertThat(e.attribute()).isEqualTo("NewImage.a");
                    assertThat(e.sequenceNumber()).isEqualTo(TestEvents.sequenceNumber(1));
                })
                .hasMessageContaining(reason);
    }

    @Test
    void unknownFieldsAreIgnoredAndNullImagesAreAbsent() {
        String record = insert("k", 1, "{}")
                .replace("\"eventVersion\"", "\"somethingNew\":{\"a\":[1,2]},\"eventVersion\"")
                .replace("\"NewImage\":{}", "\"NewImage\":null,\"Extra\":[{}]");

        ChangeRecord parsed = parse(json(record)).get(0);

        assertThat(parsed.newImage()).isEmpty();
        assertThat(parsed.hasNewImage()).isFalse();
    }

    @Test
    void tableNameComesFromTheArn() {
        assertThat(StreamArns.tableName(TestEvents.ARN)).isEqualTo("Orders");
        assertThat(StreamArns.tableName("arn:aws:dynamodb:us-east-1:1:table/T")).isEqualTo("T");
        assertThat(StreamArns.tableName("stream-ARN")).isNull();
        assertThat(StreamArns.tableName(null)).isNull();
    }

    @Test
    void metadataStringsReadTheSameFromBytesAndThroughTheTokenizer() {
        // Plain ASCII values come straight from the bytes; escaped and non-ASCII ones through
        // jackson-core; repeated values are shared either way. All must read as JSON defines them.
        String plain = TestEvents.insert("k", 1, "{}");
        String escaped = TestEvents.insert("k", 2, "{}")
                .replace("\"e-2\"", "\"e-\\u0032\"")
                .replace("\"INSERT\"", "\"INS\\u0045RT\"")
                .replace("\"eu-west-1\"", "\"eu-west-\\u0031\"");
        String unicode = TestEvents.insert("k", 3, "{}").replace("\"e-3\"", "\"é-3\"");
        String again = TestEvents.insert("k", 4, "{}");

        List<ChangeRecord> records = parse(json(plain, escaped, unicode, again));

        assertThat(records).extracting(ChangeRecord::eventId).containsExactly("e-1", "e-2", "é-3", "e-4");
        assertThat(records).extracting(ChangeRecord::eventName).containsOnly(EventName.INSERT);
        assertThat(records).extracting(r -> r.awsRegion().orElseThrow()).containsOnly("eu-west-1");
        assertThat(records.get(3).awsRegion().orElseThrow())
                .isSameAs(records.get(0).awsRegion().orElseThrow());
        assertThat(records.get(1).sequenceNumber()).isEqualTo(TestEvents.sequenceNumber(2));
    }
}
