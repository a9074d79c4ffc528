package dev.inkwell.persistence.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The breaker alone: when consecutive failures open it, and what opening and closing do. */
class CircuitBreakerTest {

    @Test
    void aNewBreakerIsClosed() {
        CircuitBreaker breaker = new CircuitBreaker(3);
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.openedAt()).isNull();
    }

    @Test
    void theThresholdthConsecutiveFailureSaysOpen() {
        CircuitBreaker breaker = new CircuitBreaker(3);
        assertThat(breaker.failure()).isFalse();
        assertThat(breaker.failure()).isFalse();
        assertThat(breaker.failure()).isTrue();
        assertThat(breaker.failure()).as("and every one after it").isTrue();
        assertThat(breaker.isOpen()).as("the caller opens it").isFalse();
    }

    @Test
    void aSuccessStartsTheCountOver() {
        CircuitBreaker breaker = new CircuitBreaker(2);
        assertThat(breaker.failure()).isFalse();
        breaker.success();
        assertThat(breaker.failure()).isFalse();
        assertThat(breaker.failure()).isTrue();
    }

    @Test
    void openingTellsWhetherItWasClosedAndKeepsTheFirstOpeningTime() {
        CircuitBreaker breaker = new CircuitBreaker(3);
        assertThat(breaker.open()).isTrue();
        assertThat(breaker.isOpen()).isTrue();
        var openedAt = breaker.openedAt();
        assertThat(openedAt).isNotNull();
        assertThat(breaker.open()).isFalse();
        assertThat(breaker.openedAt()).isSameAs(openedAt);
    }

    @Test
    void closingForgetsTheFailuresCountedBeforeIt() {
        CircuitBreaker breaker = new CircuitBreaker(2);
        breaker.failure();
        breaker.open();
        breaker.close();
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.openedAt()).isNull();
        assertThat(breaker.failure()).as("one failure after closing").isFalse();
    }
}
