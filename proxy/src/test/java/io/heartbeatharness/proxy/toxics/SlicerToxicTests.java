package io.heartbeatharness.proxy.toxics;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlicerToxicTests {
    private static String payload(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    @Test
    void slicesAChunkIntoPiecesNoLargerThanAverageAndVariation() {
        ToxicChannel channel = new ToxicChannel(new SlicerToxic(10, 0, 0));
        String data = payload(100);
        channel.write(data);
        List<String> pieces = channel.chunks();
        assertThat(pieces).hasSizeGreaterThan(5).allMatch(p -> p.length() <= 10 && !p.isEmpty());
        assertThat(String.join("", pieces)).isEqualTo(data);
    }

    @RepeatedTest(20)
    void randomSplitPointsAlwaysCoverTheChunkInOrder() {
        SlicerToxic toxic = new SlicerToxic(16, 8, 0);
        List<Integer> cuts = toxic.cuts(1000);
        assertThat(cuts).isSorted().doesNotHaveDuplicates().last().isEqualTo(1000);
        int previous = 0;
        for (int cut : cuts) {
            assertThat(cut - previous).isBetween(1, 16 + 8);
            previous = cut;
        }
    }

    @Test
    void spacesPiecesByTheDelayInMicroseconds() {
        ToxicChannel channel = new ToxicChannel(new SlicerToxic(10, 0, 1000));
        channel.write(payload(40));
        int first = channel.chunks().size();
        assertThat(first).isEqualTo(1);
        channel.advanceMillis(1);
        assertThat(channel.chunks()).hasSize(1);
        channel.advanceMillis(10);
        assertThat(channel.chunks()).isNotEmpty();
    }

    @Test
    void valuesToxiproxyWouldCrashOnStillDeliverEveryByte() {
        ToxicChannel channel = new ToxicChannel(new SlicerToxic(0, 50, 0));
        String data = payload(20);
        channel.write(data);
        assertThat(channel.sent()).isEqualTo(data);
    }

    @Test
    void removalDeliversTheRemainingPiecesAtOnce() {
        ToxicChannel channel = new ToxicChannel(new SlicerToxic(10, 0, 1_000_000));
        String data = payload(100);
        channel.write(data);
        channel.remove();
        assertThat(channel.sent()).isEqualTo(data);
    }

    @Test
    void passesTheEndOfTheStreamOnAfterThePieces() {
        ToxicChannel channel = new ToxicChannel(new SlicerToxic(10, 0, 1000));
        channel.write(payload(30));
        channel.close();
        assertThat(channel.open()).isTrue();
        channel.advanceMillis(10);
        assertThat(channel.sent()).hasSize(30);
        assertThat(channel.open()).isFalse();
    }
}
