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
        EventStore store = new EventStore(0);
        store.append(event);
        TimelineEvent read = store.snapshot().event(0);
        assertThat(read).isEqualTo(event);
        assertThat(read.data().get("count")).isInstanceOf(Integer.class);
        assertThat(read.data().get("bytes")).isInstanceOf(Long.class);
    }

    @Test
    void eventsPastTheHeapsShareSpanSegmentsAndStayInPlace() {
        EventStore store = new EventStore(1_000);
        List<TimelineEvent> written = new ArrayList<>();
        // More index entries than one segment holds (65,536), and more bytes than one data segment.
        for (int i = 0; i < 80_000; i++) {
            TimelineEvent event = new TimelineEvent(i, i, "peer-" + (i % 7), "bytes",
                    Map.of("conn", "c" + (i % 3_000), "bytes", (long) i, "line", "y".repeat(i % 100)));
            written.add(event);
            store.append(event);
        }
        EventStore.Snapshot snapshot = store.snapshot();
        assertThat(snapshot.size()).isEqualTo(written.size());
        assertThat(snapshot.data()).hasSizeGreaterThan(1);
        assertThat(snapshot.index()).hasSizeGreaterThan(1);
        for (int i = 0; i < written.size(); i += 997) {
            assertThat(snapshot.event(i)).isEqualTo(written.get(i));
            assertThat(snapshot.mono(i)).isEqualTo(i);
            assertThat(snapshot.source(i)).isEqualTo(written.get(i).source());
        }
        assertThat(snapshot.event(999)).isSameAs(written.get(999));
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
    void aFinishedListIsReadBackWholeInOrderAndByPosition() {
        List<TimelineEvent> given = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            given.add(new TimelineEvent(5_000 - i, 1_733_383_200_000L + i, "proxy", "bytes", Map.of("conn", "c" + i % 9,
                    "bytes", (long) i, "count", i, "dropped", i % 2 == 0, "ratio", i / 4.0, "line", "é".repeat(i % 60))));
        }
        List<TimelineEvent> kept = Timeline.compact(given);
        assertThat(kept).isInstanceOf(FinishedEvents.class).hasSize(given.size()).isEqualTo(given);
        assertThat(kept.get(4_321)).isEqualTo(given.get(4_321));
        assertThat(kept.get(4_321).data().get("count")).isInstanceOf(Integer.class);
        assertThat(kept.stream().filter(e -> e.monoNanos() < 10).count()).isEqualTo(9);
        assertThatThrownBy(() -> kept.get(5_000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aFinishedListWithAValueOnlyTheLiveStoreCanHoldIsKeptAsItIs() {
        List<TimelineEvent> given = List.of(new TimelineEvent(1, 0, "peer", "odd", Map.of("items", List.of("a", 1))));
        List<TimelineEvent> kept = Timeline.compact(given);
        assertThat(kept).isNotInstanceOf(FinishedEvents.class).isEqualTo(given);
    }

    @Test
    void dataThatRepeatsIsReadBackAsOneMapAndOtherDataAsItWas() {
        EventStore store = new EventStore(0);
        store.append(new TimelineEvent(1, 0, "proxy", "bytes", Map.of("conn", "c1", "bytes", 2L, "dropped", false)));
        store.append(new TimelineEvent(2, 0, "proxy", "bytes", Map.of("conn", "c1", "bytes", 2L, "dropped", false)));
        store.append(new TimelineEvent(3, 0, "peer", "pong", Map.of("seq", 1_733_383_200_123L)));
        EventStore.Snapshot read = store.snapshot();
        assertThat(read.event(1).data()).isSameAs(read.event(0).data()).isEqualTo(Map.of("conn", "c1", "bytes", 2L,
                "dropped", false));
        assertThat(read.event(1).monoNanos()).isEqualTo(2);
        assertThat(read.event(2).data()).isEqualTo(Map.of("seq", 1_733_383_200_123L));
    }
}
