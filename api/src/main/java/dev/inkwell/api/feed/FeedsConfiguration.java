package dev.inkwell.api.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code feeds} in api.yml: what the Atom and RSS feeds say about this deployment. Feeds need
 * absolute links, and the request's {@code Host} header is the client's to choose (a hostile
 * client or cache poisoner sets it), so the links come from the configured public base URL
 * ({@code PUBLIC_BASE_URL}) and never from the request. Without one they point at
 * {@code http://localhost:<the port this API listens on>}: right for local mode and tests, never
 * a client's choice, and logged at startup as a setting production must make.
 */
public class FeedsConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(FeedsConfiguration.class);

    private String baseUrl = "";
    @NotBlank
    private String title = "Inkwell";

    /** An absolute http(s) URL without query, fragment or user info; a path is kept (a site under /blog), its trailing slashes dropped. */
    @JsonProperty("baseUrl")
    public void setBaseUrl(String baseUrl) {
        String given = baseUrl == null ? "" : baseUrl.strip();
        if (!given.isEmpty()) {
            URI uri;
            try {
                uri = new URI(given);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("feeds.baseUrl: '" + given + "' is not a URL", e);
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("feeds.baseUrl: '" + given
                        + "' must be an absolute http or https URL without query, fragment or user info, e.g. https://blog.example.com");
            }
        }
        this.baseUrl = given.replaceAll("/+$", "");
    }

    @JsonProperty("baseUrl")
    public String getBaseUrl() {
        return baseUrl;
    }

    @JsonProperty("title")
    public void setTitle(String title) {
        this.title = title;
    }

    @JsonProperty("title")
    public String getTitle() {
        return title;
    }

    /** The links of this deployment's feeds: from {@code baseUrl}, or from the port the API listens on once it does. */
    public FeedLinks links(ServerFactory server, Environment environment) {
        if (!baseUrl.isEmpty()) {
            return new FeedLinks(baseUrl);
        }
        FeedLinks links = new FeedLinks(localhost(configuredPort(server)));
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(Server started) {
                links.rebase(localhost(getLocalPort(started)));
                LOG.warn("feeds.baseUrl (PUBLIC_BASE_URL) is not set: feeds link to {}; set it to the API's public address",
                        links.base());
            }
        });
        return links;
    }

    private static String localhost(int port) {
        return "http://localhost:" + port;
    }

    /** The first application connector's configured port (8080 when it cannot be told); the real one once started. */
    private static int configuredPort(ServerFactory server) {
        if (server instanceof DefaultServerFactory factory && !factory.getApplicationConnectors().isEmpty()
                && factory.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http) {
            return http.getPort();
        }
        return 8080;
    }
}
