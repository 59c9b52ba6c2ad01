package dev.eventpipeline.infra.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void percentilesAreNearestRankRoundedDown() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Stats.percentile(sorted, 0.5)).isEqualTo(6);
        assertThat(Stats.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(Stats.percentile(new double[0], 0.5)).isNaN();
    }
}
