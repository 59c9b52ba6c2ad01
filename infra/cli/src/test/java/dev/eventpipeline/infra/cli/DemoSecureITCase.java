package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.process.ListeningSockets;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.security.LocalCredentials;
import dev.eventpipeline.infra.security.LocalSecurity;
import dev.eventpipeline.infra.security.StackSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `pipeline demo --secure` end to end on free ports: the job over TLS with SCRAM and the Cassandra writer role,
 * the demo's own reads as the reader role; then `query` and `status` use the remembered mode, no secret is on
 * any command line or in the CLI's output and logs, and nothing listens beyond loopback.
 */
class DemoSecureITCase {

    private static final Pattern TIMELINE_HINT = Pattern.compile("pipeline query --user (\\S+) --date (\\S+) --limit (\\d+)");

    @TempDir
    Path workDir;

    private final int[] ports = Ports.freePorts(5);

    @AfterEach
    void neverLeaveProcessesBehind() {
        CliRun.of("down", "--work-dir", workDir.toString());
    }

    @Test
    void theDemoRunsOverTlsWithAuthentication() throws Exception {
        CliRun demo = CliRun.of(CliRun.onStack(workDir, ports, "demo", "--secure", "--events", "1000", "--users", "50",
                "--invalid-fraction", "0.05", "--web-ui-port", Integer.toString(ports[4]), "--job-heap", "768m",
                "--keep-running"));

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard());
        assertThat(demo.out()).contains("secured", "= valid sent, ok", "= invalid sent, ok", "Demo passed",
                security.caCertificate().toString(), security.truststore().toString(), security.credentialsFile().toString());
        assertThat(Files.readString(workDir.resolve("stack.properties"))).contains("secure=true");

        Matcher hint = TIMELINE_HINT.matcher(demo.out());
        assertThat(hint.find()).isTrue();
        CliRun query = CliRun.of("query", "--work-dir", workDir.toString(), "--user", hint.group(1), "--date", hint.group(2),
                "--limit", hint.group(3));
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("newest first: " + hint.group(3) + " events");

        List<Long> pids = new ArrayList<>();
        for (String process : List.of("job", "kafka", "cassandra")) {
            pids.add(Long.parseLong(Files.readString(workDir.resolve("run/" + process + ".pid")).trim()));
        }
        LocalCredentials credentials = security.ensureCreated().credentials();
        List<String> secrets = List.of(credentials.kafkaAdmin().password(), credentials.kafkaPipeline().password(),
                credentials.cassandraAdmin().password(), credentials.cassandraWriter().password(),
                credentials.cassandraReader().password(), credentials.storePassword());
        List<String> seen = new ArrayList<>(List.of(demo.out(), demo.err(), query.out(), query.err()));
        for (long pid : pids) {
            seen.add(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8));
        }
        for (String log : List.of("job", "kafka", "cassandra")) {
            seen.add(Files.readString(workDir.resolve("logs/" + log + ".log")));
        }
        assertThat(seen).allSatisfy(text -> assertThat(secrets).allSatisfy(secret -> assertThat(text).doesNotContain(secret)));
        assertThat(ListeningSockets.beyondLoopback(pids)).isEmpty();

        CliRun down = CliRun.of("down", "--work-dir", workDir.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("Job        stopped", "Kafka      stopped", "Cassandra  stopped");
    }
}
