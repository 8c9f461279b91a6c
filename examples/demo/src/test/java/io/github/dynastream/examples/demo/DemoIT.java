package io.github.dynastream.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.testkit.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same story on a real DynamoDB API: moto, named to the demo as an endpoint. */
class DemoIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    @Test
    void theStoryOnARealStreamTellsTheSameExceptWhatMotoCannotDo() {
        String account = DemoTest.tell(AWS.endpoint().toString());

        assertThat(account).startsWith("dynastream demo on the endpoint " + AWS.endpoint());
        DemoTest.assertTheSharedStory(account);
        assertThat(account)
                .contains("o-3 would expire by TTL, but moto does not run TTL: it stays")
                .contains("audit of o-3: INSERT\n")
                .contains("alice: 2 open order(s), 37.50 open total")
                .contains("archive: empty");
    }
}
