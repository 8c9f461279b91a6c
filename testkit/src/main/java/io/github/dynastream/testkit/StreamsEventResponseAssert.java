package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/** Assertions on a partial batch response; see {@link AbstractStreamsEventResponseAssert}. */
public final class StreamsEventResponseAssert extends AbstractStreamsEventResponseAssert<StreamsEventResponseAssert> {
    StreamsEventResponseAssert(StreamsEventResponse actual) {
        super(actual, StreamsEventResponseAssert.class);
    }
}
