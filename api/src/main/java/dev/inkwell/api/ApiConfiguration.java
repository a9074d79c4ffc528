package dev.inkwell.api;

import dev.inkwell.persistence.StorageConfiguration;

/** The API's configuration ({@code ops/config/api.yml}); the API's own sections come with its features. */
public class ApiConfiguration extends StorageConfiguration {
}
