package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate limit on a clock the test moves: no real time passes. */
class WriteRateLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theFirstRequestGoesAtOnceAndTheNextWaitTheirTurn() {
        WriteRateLimit limit = new WriteRateLimit(100); // 10 ms per row

        assertThat(limit.reserve(10, 0)).isZero();
        assertThat(limit.reserve(5, 0)).as("behind the first request's 10 rows").isEqualTo(100 * MS);
        assertThat(limit.reserve(1, 20 * MS)).as("behind 15 rows, asked 20 ms later").isEqualTo(130 * MS);
    }

    @Test
    void anIdleWriterEarnsNoCredit() {
        WriteRateLimit limit = new WriteRateLimit(100);
        assertThat(limit.reserve(10, 0)).isZero();

        long later = TimeUnit.SECONDS.toNanos(60);
        assertThat(limit.reserve(10, later)).as("after a pause: at once").isZero();
        assertThat(limit.reserve(1, later)).as("but the pause is no budget for a burst").isEqualTo(100 * MS);
    }

    @Test
    void overAnyStretchTheWriterSendsNoMoreThanTheRate() {
        WriteRateLimit limit = new WriteRateLimit(1_000);
        long now = 0;
        long rows = 0;
        // A writer that sends 7 rows whenever the limit lets it, for 10,000 requests.
        for (int i = 0; i < 10_000; i++) {
            now += limit.reserve(7, now);
            rows += 7;
        }
        // The last request went when the rows before it had had their time at 1,000 rows/s.
        assertThat(now).isEqualTo((rows - 7) * MS);
        assertThat(rows * 1e9 / (now + 7 * MS)).isEqualTo(1_000.0);
    }

    @Test
    void aRequestIsNeverSplit() {
        WriteRateLimit limit = new WriteRateLimit(10);

        assertThat(limit.reserve(50, 0)).as("more rows than a second's worth still go at once").isZero();
        assertThat(limit.reserve(1, 0)).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void refusesARateThatIsNotPositiveAndFinite() {
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new WriteRateLimit(rate)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rows per second must be positive");
        }
    }
}
