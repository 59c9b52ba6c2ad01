package dev.eventpipeline.connectors.cassandra.connector;

import com.datastax.driver.core.RemoteEndpointAwareJdkSSLOptions;
import com.datastax.shaded.netty.channel.socket.SocketChannel;
import dev.eventpipeline.connectors.cassandra.CassandraTls;
import dev.eventpipeline.connectors.cassandra.CassandraTlsSettings;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * TLS for flink-connector-cassandra's driver (3.x) with the context of {@link CassandraTls}, and hostname
 * verification, which the driver leaves off: the JDK checks the server's certificate against the
 * host connected to ("HTTPS" endpoint identification). The host is the one given (a contact point's
 * name as written, or a peer's address as the cluster advertises it), never a reverse lookup.
 */
final class DriverSslOptions extends RemoteEndpointAwareJdkSSLOptions {

    private final boolean hostnameVerification;

    DriverSslOptions(SSLContext context, boolean hostnameVerification) {
        super(context, null);
        this.hostnameVerification = hostnameVerification;
    }

    static DriverSslOptions of(CassandraTlsSettings tls) {
        return new DriverSslOptions(CassandraTls.sslContext(tls), tls.hostnameVerification());
    }

    @Override
    protected SSLEngine newSSLEngine(SocketChannel channel, InetSocketAddress remoteEndpoint) {
        return CassandraTls.clientEngine(context, remoteEndpoint, hostnameVerification);
    }
}
