package dev.eventpipeline.infra.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Zipf-distributed choice of a user rank: rank {@code r} (0-based) is picked with probability
 * proportional to {@code 1 / (r + 1)^exponent}, so a few users are very active and most are not,
 * as on real sites. With exponent 1 and 1,000 users the top user has ~13% of all events, the top
 * 10% of users ~60%.
 */
final class UserPopularity {

    private final double[] cumulative;

    UserPopularity(int users, double exponent) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1: " + users);
        }
        if (exponent < 0) {
            throw new IllegalArgumentException("exponent must not be negative: " + exponent);
        }
        cumulative = new double[users];
        double sum = 0;
        for (int rank = 0; rank < users; rank++) {
            sum += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < users; rank++) {
            cumulative[rank] /= sum;
        }
        cumulative[users - 1] = 1.0;
    }

    /** A rank in {@code [0, users)}; 0 is the most popular. */
    int sample(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return index >= 0 ? index : -index - 1;
    }

    /** The probability of {@code rank}. */
    double probability(int rank) {
        return cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1]);
    }
}
