package io.heartbeatharness.timeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStoreTests {

    @Test
    void everyKindOfValueReadsBackAsItWasRecorded() {
        TimelineEvent event = new TimelineEvent(-5, 1_733_383_200_123L, "proxy", "bytes", Map.of(
                "conn", "c-17", "bytes", 2L, "count", -3, "dropped", true, "rst", false, "ratio", 0.25,
                "line", "x".repeat(500) + " é", "items", List.of("a", 1)));
        EventStore store = new EventStore();
        store.append(event);
        TimelineEvent read = store.snapshot().encodedOnly().event(0);
        assertThat(read).isEqualTo(event);
        assertThat(read.data().get("count")).isInstanceOf(Integer.class);
        assertThat(read.data().get("bytes")).isInstanceOf(Long.class);
    }

    @Test
    void manyEventsSpanChunksAndStayInPlace() {
        EventStore store = new EventStore();
        List<TimelineEvent> written = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            TimelineEvent event = new TimelineEvent(i, i, "peer-" + (i % 7), "bytes",
                    Map.of("conn", "c" + (i % 3_000), "bytes", (long) i, "line", "y".repeat(i % 100)));
            written.add(event);
            store.append(event);
        }
        EventStore.Snapshot snapshot = store.snapshot().encodedOnly();
        assertThat(snapshot.size()).isEqualTo(written.size());
        for (int i = 0; i < written.size(); i += 997) {
            assertThat(snapshot.event(i)).isEqualTo(written.get(i));
        }
        assertThat(snapshot.event(written.size() - 1)).isEqualTo(written.get(written.size() - 1));
    }

    @Test
    void eventsAtTheSameInstantKeepTheirOrderOfArrival() {
        Timeline timeline = new Timeline();
        timeline.add(new TimelineEvent(100, 0, "proxy", "accept", Map.of()));
        timeline.add(new TimelineEvent(100, 0, "proxy", "connect", Map.of()));
        timeline.events();
        timeline.add(new TimelineEvent(100, 0, "proxy", "fin", Map.of()));
        timeline.add(new TimelineEvent(50, 0, "target", "closed", Map.of()));
        assertThat(timeline.events()).extracting(TimelineEvent::type)
                .containsExactly("closed", "accept", "connect", "fin");
    }

    @Test
    void aCompactedListKeepsItsOrderAndCannotBeChanged() {
        List<TimelineEvent> given = List.of(new TimelineEvent(300, 0, "proxy", "fin", Map.of("conn", "c1")),
                new TimelineEvent(100, 0, "proxy", "accept", Map.of("conn", "c1")));
        List<TimelineEvent> compact = Timeline.compact(given);
        assertThat(compact).isEqualTo(given);
        assertThat(Timeline.compact(compact)).isEqualTo(given);
        assertThatThrownBy(() -> compact.add(given.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dataThatRepeatsIsReadBackAsOneMapAndOtherDataAsItWas() {
        EventStore store = new EventStore();
        store.append(new TimelineEvent(1, 0, "proxy", "bytes", Map.of("conn", "c1", "bytes", 2L, "dropped", false)));
        store.append(new TimelineEvent(2, 0, "proxy", "bytes", Map.of("conn", "c1", "bytes", 2L, "dropped", false)));
        store.append(new TimelineEvent(3, 0, "peer", "pong", Map.of("seq", 1_733_383_200_123L)));
        EventStore.Snapshot read = store.snapshot().encodedOnly();
        assertThat(read.event(1).data()).isSameAs(read.event(0).data()).isEqualTo(Map.of("conn", "c1", "bytes", 2L,
                "dropped", false));
        assertThat(read.event(1).monoNanos()).isEqualTo(2);
        assertThat(read.event(2).data()).isEqualTo(Map.of("seq", 1_733_383_200_123L));
    }
}
