package dev.eventpipeline.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * Either an accepted value or a {@link Rejection}. Decoding and validation return this instead of
 * throwing, so refusing bad input costs no stack trace and callers cannot forget the bad case.
 */
public final class Result<T> {

    private final T value;
    private final Rejection rejection;

    private Result(T value, Rejection rejection) {
        this.value = value;
        this.rejection = rejection;
    }

    public static <T> Result<T> accepted(T value) {
        return new Result<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Result<T> rejected(Rejection rejection) {
        return new Result<>(null, Objects.requireNonNull(rejection, "rejection"));
    }

    public static <T> Result<T> rejected(RejectReason reason, String message) {
        return rejected(Rejection.of(reason, message));
    }

    public boolean isAccepted() {
        return rejection == null;
    }

    /** The accepted value; throws {@link IllegalStateException} on a rejection. */
    public T value() {
        if (rejection != null) {
            throw new IllegalStateException("rejected: " + rejection);
        }
        return value;
    }

    /** The rejection; throws {@link IllegalStateException} on an accepted value. */
    public Rejection rejection() {
        if (rejection == null) {
            throw new IllegalStateException("accepted, not rejected");
        }
        return rejection;
    }

    /** Applies the next step to an accepted value; a rejection passes through unchanged. */
    @SuppressWarnings("unchecked")
    public <U> Result<U> flatMap(Function<? super T, Result<U>> next) {
        return rejection == null ? next.apply(value) : (Result<U>) this;
    }

    /** Transforms an accepted value; a rejection passes through unchanged. */
    public <U> Result<U> map(Function<? super T, ? extends U> mapper) {
        return rejection == null ? accepted(mapper.apply(value)) : rejected(rejection);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Result<?> that
                && Objects.equals(value, that.value)
                && Objects.equals(rejection, that.rejection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, rejection);
    }

    @Override
    public String toString() {
        return rejection == null ? "Accepted[" + value + "]" : "Rejected[" + rejection + "]";
    }
}
