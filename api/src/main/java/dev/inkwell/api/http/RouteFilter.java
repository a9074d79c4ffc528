package dev.inkwell.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the route of a request Jersey matched ({@link RequestMetrics#ROUTE}): its resource's path
 * template and its method's, joined ({@code /api/users/{id}/profile}), worked out once per resource
 * method. Runs after matching, so a path no resource matches keeps no route.
 */
final class RouteFilter implements ContainerRequestFilter {
    private final Map<ResourceMethod, String> routes = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        ResourceMethod method = uri.getMatchedResourceMethod();
        if (method != null) {
            request.setProperty(RequestMetrics.ROUTE, routes.computeIfAbsent(method, m -> route(uri.getMatchedTemplates())));
        }
    }

    /** The templates matched, most specific first (as Jersey lists them), as one path. */
    static String route(List<UriTemplate> templates) {
        StringBuilder path = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String template = templates.get(i).getTemplate();
            if (template.isEmpty() || template.equals("/")) {
                continue;
            }
            if (path.length() > 0 && path.charAt(path.length() - 1) == '/') {
                path.setLength(path.length() - 1);
            }
            path.append(template.startsWith("/") ? "" : "/").append(template);
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
