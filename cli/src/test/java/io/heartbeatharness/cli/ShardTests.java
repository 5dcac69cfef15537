package io.heartbeatharness.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTests {

    @Test
    void shardsDealTheCellsRoundRobinAndTogetherCoverEveryCellOnce() {
        List<Integer> cells = List.of(0, 1, 2, 3, 4, 5, 6);
        assertThat(Shard.parse("1/3").select(cells)).containsExactly(0, 3, 6);
        assertThat(Shard.parse("2/3").select(cells)).containsExactly(1, 4);
        assertThat(Shard.parse("3/3").select(cells)).containsExactly(2, 5);
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            all.addAll(new Shard(i, 3).select(cells));
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(cells);
    }

    @Test
    void moreShardsThanCellsLeavesSomeEmpty() {
        assertThat(Shard.parse("4/4").select(List.of("a", "b"))).isEmpty();
    }

    @Test
    void aMalformedShardIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> Shard.parse("3")).hasMessage("--shard: expected I/N such as 2/4, got '3'");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageStartingWith("--shard: expected I/N");
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessage("--shard: expected I/N with 1 <= I <= N, got 0/2");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessage("--shard: expected I/N with 1 <= I <= N, got 3/2");
    }
}
