package dev.eventpipeline.infra.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CassandraServerFilesTest {

    private static final Path DATA = Path.of("/tmp/node/storage");

    @Test
    void aSingleNodeListensOnLoopbackWithTokenZeroAndItselfAsSeed() {
        String yaml = CassandraServerFiles.cassandraYaml("127.0.0.1", 9042, 7000, DATA);

        assertThat(yaml).contains(
                "initial_token: 0\n",
                "endpoint_snitch: SimpleSnitch\n",
                "      - seeds: \"127.0.0.1:7000\"\n",
                "listen_address: 127.0.0.1\n",
                "rpc_address: 127.0.0.1\n",
                "storage_port: 7000\n",
                "native_transport_port: 9042\n",
                "commitlog_directory: /tmp/node/storage/commitlog\n");
        assertThat(yaml).doesNotContain("auto_bootstrap", "dynamic_snitch", "hints_flush_period");
    }

    @Test
    void aWriteIsAcknowledgedOnlyOnceTheCommitLogIsSynced() {
        for (String yaml : new String[] {
                CassandraServerFiles.cassandraYaml("127.0.0.1", 9042, 7000, DATA),
                CassandraServerFiles.clusterNodeYaml(new ClusterNode(2, 3), 9042, 7000, DATA)}) {
            assertThat(yaml).contains("\ncommitlog_sync: group\n", "\ncommitlog_sync_group_window: 15ms\n")
                    // Cassandra refuses to start in group mode when a sync period is set as well.
                    .doesNotContain("commitlog_sync_period", "commitlog_sync: periodic");
        }
    }

    @Test
    void aClusterNodeListensOnItsOwnAddressWithTheSharedPortsAndNodeOneAsSeed() {
        String yaml = CassandraServerFiles.clusterNodeYaml(new ClusterNode(3, 3), 19042, 17000, DATA);

        assertThat(yaml).contains(
                "initial_token: " + new ClusterNode(3, 3).initialToken() + "\n",
                "endpoint_snitch: GossipingPropertyFileSnitch\n",
                "      - seeds: \"127.0.0.1:17000\"\n",
                "listen_address: 127.0.0.3\n",
                "rpc_address: 127.0.0.3\n",
                "storage_port: 17000\n",
                "native_transport_port: 19042\n",
                "\nauto_bootstrap: false\n",
                "\ndynamic_snitch: false\n",
                "\nhints_flush_period: 1000ms\n");
        assertThat(yaml).doesNotContain("hinted_handoff_enabled: false");
    }

    @Test
    void theClustersDatacenterKeepsTheNameEverythingUses() {
        assertThat(CassandraServerFiles.RACKDC_PROPERTIES).contains("\ndc=datacenter1\n", "\nrack=rack1\n");
    }
}
