package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks real responses against the OpenAPI document: the operation must be documented, the
 * status must be one it documents, and the body must match that status's schema. Registered on
 * the test client of {@link ApiApp}, so every end-to-end test is also a contract test.
 */
public final class OpenApiContract implements ClientResponseFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /**
     * Statuses Jetty answers before any operation is chosen (URI or headers too long), and 406,
     * which any operation answers to an Accept without JSON: the document states them once.
     */
    private static final Set<Integer> ANY_OPERATION = Set.of(406, 414, 431);

    private final JsonNode spec;
    private final Map<String, Pattern> paths = new ConcurrentHashMap<>();
    private final Map<JsonNode, JsonSchema> compiled = Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private int checked;

    public OpenApiContract() {
        try {
            spec = dev.inkwell.api.OpenApiResource.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Iterator<String> it = spec.get("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            paths.put(template, Pattern.compile(template.replaceAll("\\{[^/]+}", "[^/]+")));
        }
    }

    public JsonNode spec() {
        return spec;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        String path = request.getUri().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        byte[] body = new byte[0];
        if (response.hasEntity()) {
            try (java.io.InputStream original = response.getEntityStream()) { // closing releases the connection
                body = original.readAllBytes();
            }
        }
        response.setEntityStream(new ByteArrayInputStream(body));
        check(request.getMethod().toLowerCase(Locale.ROOT), path, response.getStatus(),
                response.getMediaType() == null ? "" : response.getMediaType().toString(), body);
    }

    /** Checks one response; what is wrong goes to {@link #violations()}. */
    public void check(String method, String path, int status, String mediaType, byte[] body) {
        String shownPath = path.length() > 80 ? path.substring(0, 80) + "..." : path;
        String where = method.toUpperCase(Locale.ROOT) + " " + shownPath + " -> " + status;
        synchronized (this) {
            checked++;
        }
        boolean problem = mediaType.startsWith("application/problem+json");
        if (status >= 400 && !problem) {
            violations.add(where + ": an error that is not application/problem+json (" + mediaType + ")");
            return;
        }
        JsonNode operation = operation(method, path);
        if (operation == null || ANY_OPERATION.contains(status)) {
            if (problem) { // unknown paths and methods answer 404/405 problems; check their shape
                validate(where, spec.at("/components/schemas/Problem"), body);
            } else {
                violations.add(where + ": not an operation of the OpenAPI document");
            }
            return;
        }
        JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            violations.add(where + ": status not documented for this operation");
            return;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body.length > 0) {
                violations.add(where + ": a body where the document says none");
            }
            return;
        }
        String answeredType = mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!problem && !answeredType.equals("application/json")) {
            // The feeds' XML: the document names its media type; the feed tests parse the bodies themselves.
            if (content.path(answeredType).isMissingNode()) {
                violations.add(where + ": documented as " + content.fieldNames().next() + ", answered " + mediaType);
            }
            return;
        }
        String documentedType = problem ? "application/problem+json" : "application/json";
        JsonNode schema = content.path(documentedType).path("schema");
        if (schema.isMissingNode()) {
            violations.add(where + ": documented as " + content.fieldNames().next() + ", answered " + mediaType);
            return;
        }
        validate(where, schema, body);
    }

    private void validate(String where, JsonNode schema, byte[] body) {
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            violations.add(where + ": body is not JSON");
            return;
        }
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema, s -> {
            ObjectNode root = s.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", spec.get("components"));
            return SCHEMAS.getSchema(root);
        });
        Set<ValidationMessage> errors = compiledSchema.validate(value);
        if (!errors.isEmpty()) {
            String shown = body.length > 300 ? new String(body, 0, 300) + "..." : new String(body);
            violations.add(where + ": " + errors + " in " + shown);
        }
    }

    private JsonNode operation(String method, String path) {
        for (Map.Entry<String, Pattern> entry : paths.entrySet()) {
            if (entry.getValue().matcher(path).matches()) {
                JsonNode op = spec.get("paths").get(entry.getKey()).get(method);
                if (op != null) {
                    return op;
                }
            }
        }
        return null;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : spec.at(ref.asText().substring(1));
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized int checked() {
        return checked;
    }
}
