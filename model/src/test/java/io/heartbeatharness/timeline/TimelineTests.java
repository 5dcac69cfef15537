package io.heartbeatharness.timeline;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineTests {

    @Test
    void readingAgainWithNothingNewCopiesNothing() {
        Timeline timeline = new Timeline();
        timeline.record("proxy", "accept");
        List<TimelineEvent> first = timeline.events();
        assertThat(timeline.events()).isSameAs(first);
    }

    @Test
    void anEventAppendedAfterAReadIsInTheNextRead() {
        Timeline timeline = new Timeline();
        timeline.record("proxy", "accept");
        List<TimelineEvent> before = timeline.events();
        timeline.record("proxy", "fin");
        assertThat(before).extracting(TimelineEvent::type).containsExactly("accept");
        assertThat(timeline.events()).extracting(TimelineEvent::type).containsExactly("accept", "fin");
    }

    @Test
    void eventsArrivingLateAreReadInMonotonicOrder() {
        Timeline timeline = new Timeline();
        timeline.add(new TimelineEvent(200, 0, "target", "closed", Map.of()));
        timeline.events();
        timeline.add(new TimelineEvent(100, 0, "target", "ping-sent", Map.of()));
        assertThat(timeline.events()).extracting(TimelineEvent::monoNanos).containsExactly(100L, 200L);
    }

    @Test
    void whatIsReadCannotBeChangedUnderTheNextReader() {
        Timeline timeline = new Timeline();
        timeline.record("proxy", "accept");
        assertThatThrownBy(() -> timeline.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theFirstMatchOfOneSourceSinceAnInstant() {
        Timeline timeline = new Timeline();
        timeline.add(new TimelineEvent(100, 0, "peer-1", "connecting", Map.of()));
        timeline.add(new TimelineEvent(300, 0, "peer-2", "connecting", Map.of()));
        timeline.add(new TimelineEvent(200, 0, "peer-2", "listening", Map.of()));
        timeline.add(new TimelineEvent(400, 0, "peer-2", "connecting", Map.of("n", 2)));
        assertThat(timeline.first("peer-2", 150, e -> e.is("connecting"))).get()
                .extracting(TimelineEvent::monoNanos).isEqualTo(300L);
        assertThat(timeline.first("peer-1", 150, e -> true)).isEmpty();
    }

    @Test
    void theFirstMatchIsTheEarliestEvenWhenItArrivedLateAndTheFirstToArriveOfATie() {
        Timeline timeline = new Timeline();
        timeline.add(new TimelineEvent(500, 0, "peer-1", "connected", Map.of("n", 1)));
        timeline.add(new TimelineEvent(300, 0, "peer-1", "connected", Map.of("n", 2)));
        timeline.add(new TimelineEvent(300, 0, "peer-1", "connected", Map.of("n", 3)));
        timeline.add(new TimelineEvent(250, 0, "peer-1", "connected", Map.of("n", 4)));
        assertThat(timeline.first("peer-1", 260, e -> e.is("connected"))).get()
                .extracting(e -> e.data().get("n")).isEqualTo(2);
    }
}
