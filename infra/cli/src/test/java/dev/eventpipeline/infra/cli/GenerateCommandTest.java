package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.model.RejectReason;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path workDir;

    @Test
    void badNumbersAreUsageErrors() {
        assertThat(CliRun.of("generate", "--events", "0").err()).contains("--events must be at least 1: 0");
        assertThat(CliRun.of("generate", "--rate", "-5").err()).contains("--rate must be 0 (as fast as possible) or positive");
        assertThat(CliRun.of("generate", "--invalid-fraction", "1.5").exitCode()).isEqualTo(2);
    }

    @Test
    void withoutKafkaItSaysToStartTheStack() {
        CliRun run = CliRun.of("generate", "--work-dir", workDir.toString(), "--kafka-port", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Kafka is not running at 127.0.0.1:1; start the local stack with `pipeline up`.");
    }

    @Test
    void reasonsAreListedInEnumOrderAndWrappedWithTheIndent() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        Arrays.stream(RejectReason.values()).forEach(reason -> counts.put(reason, 123L));
        String indent = " ".repeat(20);

        String text = GenerateCommand.reasons(counts, indent);

        String[] lines = (indent + text).split(System.lineSeparator());
        assertThat(lines.length).isGreaterThan(1);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith(indent).hasSizeLessThanOrEqualTo(110));
        assertThat(text).startsWith("EMPTY_PAYLOAD 123, TOO_LARGE 123").contains("ROW_TOO_LARGE 123")
                .endsWith("WRITE_REJECTED 123");
        assertThat(text.split(", ?")).hasSize(RejectReason.values().length);
    }

    @Test
    void helpCountsTheReasonsTheGeneratorMakesAndNamesTheOthers() {
        String help = String.join(" ", CliRun.of("generate", "--help").out().split("\\s+"));
        Set<RejectReason> generated = PayloadLimits.JOB_DEFAULTS.reachableReasons();

        assertThat(help).contains("one of " + generated.size() + " reject reasons each");
        for (RejectReason reason : RejectReason.values()) {
            if (!generated.contains(reason)) {
                assertThat(help).as(reason.name()).containsPattern("\\b" + reason.name() + "\\b");
            }
        }
    }
}
