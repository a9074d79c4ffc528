package dev.inkwell.persistence.dropwizard;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/**
 * How log lines are written, application log and request log alike ({@code LOG_FORMAT}): text for
 * people reading a terminal, or one JSON object a line for a log pipeline that indexes fields
 * (request id, user id, level, logger) without parsing text.
 */
public enum LogFormat {
    TEXT, JSON;

    /** From the configuration's value, in any case ("text", "json"). */
    @JsonCreator
    public static LogFormat of(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("log format must be text or json, not " + value);
        }
    }
}
