package dev.eventpipeline.infra.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void holdsTheRate() {
        Pacer pacer = new Pacer(2000);
        long start = System.nanoTime();
        for (int i = 0; i < 401; i++) {
            pacer.awaitTurn();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 400 intervals of 0.5 ms: never faster; slower only by scheduling noise on a busy machine.
        assertThat(seconds).isGreaterThanOrEqualTo(0.2).isLessThan(1.5);
    }

    @Test
    void zeroMeansUnpaced() {
        Pacer pacer = new Pacer(0);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            pacer.awaitTurn();
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThatThrownBy(() -> new Pacer(-1)).hasMessageContaining("0 (unpaced) or positive");
    }
}
