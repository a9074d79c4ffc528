package dev.inkwell.ops.demo;

/**
 * The demo data's "random" values, each a hash of a row number and a salt: PostgreSQL's
 * {@code hashint8extended(n, salt)} bit for bit, so that the JVM generates the rows the seed's SQL
 * generated before (the same functions, {@code h} and {@code u01}, still make the users in SQL).
 * {@code DrawsIT} compares them with the server's.
 */
final class Draws {
    /** 2^53 - 1: a hash keeps its low 53 bits, which a double holds exactly. */
    static final long BITS_53 = (1L << 53) - 1;

    private Draws() {
    }

    /** {@code hashint8extended(a, salt) & (2^53 - 1)}: a non-negative 53-bit hash. */
    static long h(long a, int salt) {
        return hashint8extended(a, salt) & BITS_53;
    }

    /** {@code h(a, salt) / 2^53}: uniform in [0, 1), exact (a 53-bit integer over a power of two). */
    static double u01(long a, int salt) {
        return h(a, salt) / 9007199254740992.0;
    }

    /** PostgreSQL's hashint8extended: the low half folded with the high half, then hash_bytes_uint32_extended. */
    static long hashint8extended(long value, long seed) {
        int low = (int) value;
        int high = (int) (value >>> 32);
        low ^= value >= 0 ? high : ~high;
        return hashUint32Extended(low, seed);
    }

    /** hash_bytes_uint32_extended of src/common/hashfn.c (Bob Jenkins' lookup3 mix and final), in 32-bit arithmetic. */
    private static long hashUint32Extended(int k, long seed) {
        int a = 0x9e3779b9 + 4 + 3923095;
        int b = a;
        int c = a;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        a += k;
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return ((long) b << 32) | (c & 0xFFFF_FFFFL);
    }
}
