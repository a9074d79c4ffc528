package dev.inkwell.api.user;

/** The answer to a bulk create: how many users were created (all of them, or none and an error). */
public record BulkCreated(int created) {
}
