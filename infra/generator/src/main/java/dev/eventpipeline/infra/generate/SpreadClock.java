package dev.eventpipeline.infra.generate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for sending a known number of events faster than real time while their event times still
 * look like real traffic: the n-th reading is {@code start + n * span / events}, so {@code events}
 * readings spread evenly over {@code span}, starting {@code span} before the real time of creation
 * (the last event is "now", none is in the future). The generator reads the clock once per record.
 */
public final class SpreadClock extends Clock {

    private final long startNanos;
    private final long stepNanos;
    private final AtomicLong readings = new AtomicLong();

    private SpreadClock(Instant start, long stepNanos) {
        this.startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        this.stepNanos = stepNanos;
    }

    /** {@code events} readings over the {@code span} that ends at {@code now}. */
    public static SpreadClock endingNow(Duration span, long events, Clock now) {
        if (events < 1 || span.isNegative()) {
            throw new IllegalArgumentException("events must be positive and span not negative: " + events + ", " + span);
        }
        return new SpreadClock(now.instant().minus(span), span.toNanos() / events);
    }

    /**
     * {@code events} readings over the {@code span} centred on yesterday's UTC midnight (by {@code now}): the
     * events fall on two bucket dates, and every one is at least a day before now, never ahead of it.
     */
    public static SpreadClock acrossYesterdaysMidnight(Duration span, long events, Clock now) {
        Instant midnight = now.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        return endingNow(span, events, Clock.fixed(midnight.plus(span.dividedBy(2)), ZoneOffset.UTC));
    }

    @Override
    public Instant instant() {
        long nanos = startNanos + readings.getAndIncrement() * stepNanos;
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
