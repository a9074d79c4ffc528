package dev.inkwell.api.limit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;

/**
 * Tells which client sent each request and leaves it in the request attribute
 * {@value #ATTRIBUTE}, where Jersey's filters read it as a request property (a Jersey filter
 * instance gets no servlet request injected). The client is the connection's peer, or behind a
 * trusted proxy the forwarded address ({@link TrustedProxies}); never an address Jetty's own
 * forwarded-header handling took from an untrusted client.
 */
public final class ClientAddressFilter implements Filter {
    public static final String ATTRIBUTE = "dev.inkwell.api.client";

    private final TrustedProxies proxies;

    public ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        List<String> forwarded = proxies.isEmpty() ? List.of()
                : Collections.list(((HttpServletRequest) request).getHeaders("X-Forwarded-For"));
        request.setAttribute(ATTRIBUTE, proxies.client(peer(request), forwarded));
        chain.doFilter(request, response);
    }

    /**
     * The connection's peer. Not {@code getRemoteAddr()}: with Jetty's forwarded-header handling
     * on ({@code useForwardedHeaders}, wanted for the scheme and host of links behind TLS
     * termination) that is whatever X-Forwarded-For any client sent; the connection's endpoint
     * stays the real peer (or, with the PROXY protocol, the client the load balancer names).
     */
    private static String peer(ServletRequest request) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        Connection connection = jetty == null ? null : jetty.getConnectionMetaData().getConnection();
        if (connection != null && connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress peer
                && peer.getAddress() != null) {
            return peer.getAddress().getHostAddress();
        }
        return request.getRemoteAddr();
    }
}
