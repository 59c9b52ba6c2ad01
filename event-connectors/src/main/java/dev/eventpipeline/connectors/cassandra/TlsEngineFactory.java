package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * TLS for the driver with the context of {@link CassandraTls}, and hostname verification: the JDK
 * checks the server's certificate against the host connected to ("HTTPS" endpoint identification).
 * The host is the one given (a contact point's name as written, or a peer's address as the cluster
 * advertises it), never a reverse lookup, which the driver's own factory does for an address.
 */
public final class TlsEngineFactory implements SslEngineFactory {

    private final SSLContext context;
    private final boolean hostnameVerification;

    public TlsEngineFactory(SSLContext context, boolean hostnameVerification) {
        this.context = context;
        this.hostnameVerification = hostnameVerification;
    }

    static TlsEngineFactory of(CassandraTlsSettings tls) {
        return new TlsEngineFactory(CassandraTls.sslContext(tls), tls.hostnameVerification());
    }

    @Override
    public SSLEngine newSslEngine(EndPoint remoteEndpoint) {
        SocketAddress address = remoteEndpoint.resolve();
        return CassandraTls.clientEngine(context, address instanceof InetSocketAddress inet ? inet : null,
                hostnameVerification);
    }

    @Override
    public void close() {}
}
