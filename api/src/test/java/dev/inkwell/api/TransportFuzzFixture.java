package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.RawHttp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What {@link TransportFuzzIT} sends, and how: an operation of the OpenAPI document (its path
 * filled with ids of nothing, its query parameters, a body of its shape) and the ways a request
 * goes wrong on the wire, each written byte by byte on a connection of its own.
 */
final class TransportFuzzFixture {
    /** Ids of nothing: the body is read before the resource looks anything up, and nothing is changed or deleted. */
    private static final String ABSENT_ID = "999999999";

    private TransportFuzzFixture() {
    }

    /** One operation of the OpenAPI document, served on {@code port}. */
    record Operation(String method, String template, JsonNode spec, JsonNode document, int port) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }

        boolean hasBody() {
            return spec.has("requestBody");
        }

        /** The path with every parameter filled with the id of nothing. */
        String path() {
            return template.replaceAll("\\{[^/]+}", template.startsWith("/api/jobs") || template.startsWith("/api/admin/backups")
                    ? UUID.randomUUID().toString() : ABSENT_ID);
        }

        List<String> queryParameters() {
            List<String> names = new ArrayList<>();
            for (JsonNode p : spec.path("parameters")) {
                JsonNode parameter = p.has("$ref") ? document.at(p.get("$ref").asText().substring(1)) : p;
                if (parameter.path("in").asText().equals("query")) {
                    names.add(parameter.get("name").asText());
                }
            }
            return names;
        }

        /** The request body's schema with references followed; the items' schema for an array. */
        private JsonNode bodySchema() {
            JsonNode schema = resolve(spec.at("/requestBody/content/application~1json/schema"));
            return schema.path("type").asText().equals("array") ? resolve(schema.get("items")) : schema;
        }

        private JsonNode resolve(JsonNode schema) {
            return schema.has("$ref") ? document.at(schema.get("$ref").asText().substring(1)) : schema;
        }

        /** The body's first field of type string (a text field), or its first field. */
        String textField() {
            JsonNode properties = bodySchema().path("properties");
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (properties.get(name).path("type").asText().equals("string")) {
                    return name;
                }
            }
            return properties.fieldNames().next();
        }

        /** {@code members} as this operation's body: an object, or an array of one for a bulk body. */
        String body(String members) {
            String object = "{" + members + "}";
            return resolve(spec.at("/requestBody/content/application~1json/schema")).path("type").asText().equals("array")
                    ? "[" + object + "]" : object;
        }
    }

    /** What goes wrong on the wire, and what an operation that takes a body must answer to it (0: nothing). */
    enum Mutation {
        NOT_GZIP(400), UNKNOWN_ENCODING(415), BROKEN_CHUNKED(400), CUT_SHORT(400), DUPLICATE_KEYS(400),
        LONE_SURROGATE(-1), CONTROL_CHARACTER(-1);

        /** The status for an operation with a body; -1: any 4xx (which one depends on the fields, see the input fuzz tests). */
        final int bodyStatus;

        Mutation(int bodyStatus) {
            this.bodyStatus = bodyStatus;
        }

        RawHttp.Answer send(Operation op, String token) {
            String field = op.hasBody() ? op.textField() : "name";
            byte[] json = op.body("\"" + field + "\": \"x\"").getBytes(StandardCharsets.UTF_8);
            String head = op.method.toUpperCase(Locale.ROOT) + " " + op.path() + " HTTP/1.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json";
            RawHttp http = new RawHttp(op.port());
            return switch (this) {
                case NOT_GZIP -> http.send(head + "\r\nContent-Encoding: gzip\r\nContent-Length: " + json.length, json, false);
                case UNKNOWN_ENCODING -> http.send(head + "\r\nContent-Encoding: x-squash\r\nContent-Length: " + json.length, json, false);
                case BROKEN_CHUNKED -> http.send(head + "\r\nTransfer-Encoding: chunked",
                        ("zz\r\n" + new String(json, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8), false);
                case CUT_SHORT -> http.send(head + "\r\nContent-Length: " + (json.length + 1000), json, true);
                case DUPLICATE_KEYS -> plain(http, head, op.body("\"" + field + "\": \"x\", \"" + field + "\": \"y\""));
                case LONE_SURROGATE -> plain(http, head, op.body("\"" + field + "\": \"a\\ud800b\""));
                case CONTROL_CHARACTER -> plain(http, head, op.body("\"" + field + "\": \"a\\u0007b\""));
            };
        }

        private static RawHttp.Answer plain(RawHttp http, String head, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return http.send(head + "\r\nContent-Length: " + bytes.length, bytes, false);
        }
    }
}
