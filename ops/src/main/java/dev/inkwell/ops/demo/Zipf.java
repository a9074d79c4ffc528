package dev.inkwell.ops.demo;

/**
 * Zipf-ranked draws of the demo data, {@code least(n, floor(exp(u01(a, salt) * ln(n + 1))))} as
 * PostgreSQL computes it: rank 1..n with P(k) ~ ln((k + 1) / k). {@code ln(n + 1)} is the
 * server's own value. Java's exp and the server's (the C library's) may differ in the last bit;
 * that changes the rank only where exp lands next to an integer, so there (for 20,000 ranks about
 * one draw in 250 million, 2 * 10^-12 * n / ln(n + 1)) the server computes the rank itself.
 */
final class Zipf {
    /** How close to an integer exp may land before the server decides: far above both libraries' errors (< 1 ulp). */
    static final double NEAR = 1e-12;

    /** The server's zipf, for the draws Java cannot decide alone. */
    interface Server {
        int zipf(long a, int salt, int n);
    }

    private final int n;
    private final double lnN1;
    private final double near;
    private final Server server;

    /** {@code lnN1}: the server's {@code ln(n + 1.0::float8)}. */
    Zipf(int n, double lnN1, Server server) {
        this(n, lnN1, NEAR, server);
    }

    Zipf(int n, double lnN1, double near, Server server) {
        this.n = n;
        this.lnN1 = lnN1;
        this.near = near;
        this.server = server;
    }

    int n() {
        return n;
    }

    int draw(long a, int salt) {
        double e = Math.exp(Draws.u01(a, salt) * lnN1);
        double integer = Math.rint(e);
        if (Math.abs(e - integer) <= integer * near) {
            return server.zipf(a, salt, n);
        }
        return (int) Math.min(n, Math.floor(e));
    }
}
