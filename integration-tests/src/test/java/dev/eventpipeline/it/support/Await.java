package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.process.Wait;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits for an outcome by polling a condition until a deadline; a missed deadline fails the test. */
public final class Await {

    private Await() {}

    public static void until(String what, Duration timeout, Wait.Condition condition) {
        try {
            Wait.until(what, timeout, condition);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
