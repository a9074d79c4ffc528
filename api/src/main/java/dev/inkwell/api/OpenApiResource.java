package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 document of the API. It is written by hand
 * (openapi.yaml beside this class) and the end-to-end tests check every response against it.
 */
@Path("/api/openapi.json")
public final class OpenApiResource {
    public static final String RESOURCE = "openapi.yaml";

    private final byte[] json;

    public OpenApiResource() {
        try {
            this.json = new ObjectMapper().writeValueAsBytes(load());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document, parsed. */
    public static JsonNode load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the classpath");
            }
            return new YAMLMapper().readTree(in);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get() {
        return json;
    }
}
