package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteRetryStrategyTest {

    private static WriteRetryStrategy strategy(double jitter) {
        return new WriteRetryStrategy(5, Duration.ofMillis(200), Duration.ofSeconds(2), () -> jitter);
    }

    @Test
    void theCeilingDoublesUpToTheMaximum() {
        WriteRetryStrategy retries = strategy(0.999_999);
        assertThat(new long[] {retries.ceilingMillis(1), retries.ceilingMillis(2), retries.ceilingMillis(3),
                retries.ceilingMillis(4), retries.ceilingMillis(5)})
                .containsExactly(200, 400, 800, 1600, 2000);
        assertThat(retries.maxTotalBackoffMillis()).isEqualTo(200 + 400 + 800 + 1600 + 2000);
    }

    @Test
    void eachWaitIsRandomBetweenHalfAndAllOfItsCeiling() {
        assertThat(strategy(0).backoffMillis(3)).isEqualTo(400);
        assertThat(strategy(0.5).backoffMillis(3)).isEqualTo(600);
        assertThat(strategy(0.999_999).backoffMillis(3)).isEqualTo(799);
        assertThat(strategy(0.25).backoffMillis(10)).isEqualTo(1250);
    }

    @Test
    void retriesAreBounded() {
        WriteRetryStrategy retries = strategy(0);
        assertThat(retries.canRetry(5)).isTrue();
        assertThat(retries.canRetry(6)).isFalse();
        assertThat(new WriteRetryStrategy(0, Duration.ofMillis(1), Duration.ofMillis(1), () -> 0).canRetry(1)).isFalse();
    }

    @Test
    void refusesABackoffThatCannotWork() {
        assertThatThrownBy(() -> new WriteRetryStrategy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteRetryStrategy(-1, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
