package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(
            GET.class, "get", POST.class, "post", PUT.class, "put", PATCH.class, "patch", DELETE.class, "delete");

    @Test
    void theDocumentIsServedAsJson() throws Exception {
        try (Response r = API.request("/api/openapi.json").get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            JsonNode served = new ObjectMapper().readTree(r.readEntity(String.class));
            assertThat(served.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(served).isEqualTo(API.contract().spec());
        }
    }

    @Test
    void everyEndpointIsDocumentedAndEveryDocumentedOperationExists() {
        Set<String> implemented = new TreeSet<>();
        // Dropwizard registers resource objects through a binder: their classes are what shows.
        Set<Class<?>> classes = new java.util.HashSet<>(APP.getEnvironment().jersey().getResourceConfig().getClasses());
        APP.getEnvironment().jersey().getResourceConfig().getInstances().forEach(i -> classes.add(i.getClass()));
        for (Class<?> resource : classes) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null || !classPath.value().startsWith("/api")) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> http : METHODS.entrySet()) {
                    if (method.isAnnotationPresent(http.getKey())) {
                        Path sub = method.getAnnotation(Path.class);
                        implemented.add(http.getValue() + " " + classPath.value() + (sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = API.contract().spec().get("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (String method : METHODS.values()) {
                if (paths.get(path).has(method)) {
                    documented.add(method + " " + path);
                }
            }
        }
        assertThat(implemented).hasSizeGreaterThan(20);
        assertThat(documented).isEqualTo(implemented);
    }

    @Test
    void theContractCheckRejectsAResponseThatBreaksTheDocument() {
        OpenApiContract contract = new OpenApiContract();
        byte[] leaky = "{\"id\":1,\"username\":\"a\",\"role\":\"user\",\"is_active\":true,\"created_at\":\"x\",\"updated_at\":\"x\",\"password_hash\":\"h\"}"
                .getBytes(StandardCharsets.UTF_8);
        contract.check("get", "/api/users/1", 200, "application/json", leaky);
        contract.check("get", "/api/users/1", 418, "application/problem+json", "{}".getBytes(StandardCharsets.UTF_8));
        contract.check("get", "/api/users/1", 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
        contract.check("get", "/api/posts", 200, "application/json", "{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
        contract.check("get", "/api/feeds/posts.atom", 200, "application/atom+xml;charset=UTF-8", "<feed/>".getBytes(StandardCharsets.UTF_8));
        contract.check("get", "/api/feeds/posts.atom", 200, "text/html", "<html/>".getBytes(StandardCharsets.UTF_8));
        assertThat(contract.violations()).hasSize(5);
        assertThat(contract.violations().get(0)).contains("password_hash");
        assertThat(contract.violations().get(4)).contains("/api/feeds/posts.atom").contains("text/html");
    }

    @Test
    void responsesOfThisClassWereChecked() {
        try (Response r = API.request("/api/posts").get()) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        try (Response r = API.request("/api/posts/1").get()) {
            assertThat(r.getStatus()).isEqualTo(404);
        }
        assertThat(API.contract().checked()).isGreaterThanOrEqualTo(2);
        assertThat(API.contract().violations()).isEmpty();
    }
}
