package dev.inkwell.api.limit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Tells which client sent each request and leaves it in the request attribute
 * {@value #ATTRIBUTE}, where Jersey's filters read it as a request property (a Jersey filter
 * instance gets no servlet request injected). The client is the connection's peer, or behind a
 * trusted proxy the forwarded address ({@link TrustedProxies}).
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
        request.setAttribute(ATTRIBUTE, proxies.client(request.getRemoteAddr(), forwarded));
        chain.doFilter(request, response);
    }
}
