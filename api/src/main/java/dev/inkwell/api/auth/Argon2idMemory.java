package dev.inkwell.api.auth;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.util.Arrays;

/**
 * Argon2id (version 0x13, RFC 9106) computed in memory that is kept from one hash to the next.
 * Bouncy Castle's {@code Argon2BytesGenerator} allocates its memory on every {@code init} (19 MiB as
 * 19,456 objects for the OWASP parameters) and drops it after each hash: that garbage filled the
 * api's 256 MB heap, and sign-ups lost to the collections. Here the blocks live in one flat
 * {@code long[]} that {@link PasswordHasher} lends to one hash at a time. Blake2b (H and H') is Bouncy
 * Castle's.
 *
 * <p>The memory is wiped after every hash (the blocks are derived from the password), and a hash
 * never reads a block before its first pass has written it, so results never depend on what a
 * previous hash left. Lanes are computed one after the other, which gives the same result as in
 * parallel. Not thread-safe: one hash at a time per instance.
 */
final class Argon2idMemory {
    private static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int MAX_LANES = 0xFFFFFF;

    private final long[] memory;
    // Scratch blocks: R = X xor Y, Q = P(R), and the data-independent addressing's input and addresses.
    private final long[] r = new long[BLOCK_LONGS];
    private final long[] q = new long[BLOCK_LONGS];
    private final long[] input = new long[BLOCK_LONGS];
    private final long[] addresses = new long[BLOCK_LONGS];

    /** Memory for hashes of up to {@code memoryKiB} KiB (one block is 1 KiB) in {@code lanes} lanes. */
    Argon2idMemory(int memoryKiB, int lanes) {
        checkMemory(memoryKiB, lanes);
        this.memory = new long[blocksFor(memoryKiB, lanes) * BLOCK_LONGS];
    }

    private static void checkMemory(int memoryKiB, int lanes) {
        if (lanes < 1 || lanes > MAX_LANES || memoryKiB < 2 * lanes
                || blocksFor(memoryKiB, lanes) > Integer.MAX_VALUE / BLOCK_LONGS) {
            throw new IllegalArgumentException("Argon2 memory out of range: m=" + memoryKiB + ", p=" + lanes);
        }
    }

    /** Whether a hash of {@code memoryKiB} KiB and {@code lanes} lanes fits in this memory. */
    boolean fits(int memoryKiB, int lanes) {
        return lanes >= 1 && lanes <= MAX_LANES && (long) blocksFor(memoryKiB, lanes) * BLOCK_LONGS <= memory.length;
    }

    /** Whether every word of the memory and the scratch blocks is zero (as after every hash). */
    boolean wiped() {
        for (long[] words : new long[][] {memory, r, q, input, addresses}) {
            for (long w : words) {
                if (w != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The blocks used: {@code m} rounded down to a multiple of 4 per lane, at least 8 per lane. */
    private static int blocksFor(int memoryKiB, int lanes) {
        int blocks = Math.max(memoryKiB, 2 * SYNC_POINTS * lanes);
        return blocks / (SYNC_POINTS * lanes) * (SYNC_POINTS * lanes);
    }

    /** The Argon2id tag of {@code length} bytes (the secret and associated data empty, as the api uses them). */
    byte[] hash(byte[] password, byte[] salt, int memoryKiB, int iterations, int lanes, int length) {
        return hash(password, salt, new byte[0], new byte[0], memoryKiB, iterations, lanes, length);
    }

    /** The Argon2id tag of {@code length} bytes with a secret key and associated data (RFC 9106's K and X). */
    byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associated,
                int memoryKiB, int iterations, int lanes, int length) {
        checkMemory(memoryKiB, lanes);
        if (iterations < 1 || length < 4) {
            throw new IllegalArgumentException("Argon2 parameters out of range: t=" + iterations + ", length " + length);
        }
        if (!fits(memoryKiB, lanes)) {
            throw new IllegalArgumentException("m=" + memoryKiB + " does not fit in this memory");
        }
        int blocks = blocksFor(memoryKiB, lanes);
        int laneLength = blocks / lanes;
        try {
            byte[] h0 = initialHash(password, salt, secret, associated, memoryKiB, iterations, lanes, length);
            firstBlocks(h0, lanes, laneLength);
            Arrays.fill(h0, (byte) 0);
            Fill fill = new Fill(blocks, laneLength, lanes, iterations);
            for (int pass = 0; pass < iterations; pass++) {
                for (int slice = 0; slice < SYNC_POINTS; slice++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        fill.segment(pass, slice, lane);
                    }
                }
            }
            // C = the xor of every lane's last block (kept in r), the tag = H'(C).
            System.arraycopy(memory, (laneLength - 1) * BLOCK_LONGS, r, 0, BLOCK_LONGS);
            for (int lane = 1; lane < lanes; lane++) {
                int last = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    r[i] ^= memory[last + i];
                }
            }
            byte[] finalBlock = toBytes(r, 0);
            byte[] tag = variableHash(finalBlock, length);
            Arrays.fill(finalBlock, (byte) 0);
            return tag;
        } finally {
            Arrays.fill(memory, 0, blocks * BLOCK_LONGS, 0L);
            Arrays.fill(r, 0L);
            Arrays.fill(q, 0L);
            Arrays.fill(input, 0L);
            Arrays.fill(addresses, 0L);
        }
    }

    /** H0 = H^64(p, T, m, t, v, y, |P|, P, |S|, S, |K|, K, |X|, X), every number a little-endian int. */
    private static byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associated,
                                      int memoryKiB, int iterations, int lanes, int length) {
        Blake2bDigest blake = new Blake2bDigest(512);
        for (int n : new int[] {lanes, length, memoryKiB, iterations, VERSION, TYPE_ID}) {
            update(blake, n);
        }
        for (byte[] bytes : new byte[][] {password, salt, secret, associated}) {
            update(blake, bytes.length);
            blake.update(bytes, 0, bytes.length);
        }
        byte[] h0 = new byte[64];
        blake.doFinal(h0, 0);
        return h0;
    }

    /** B[lane][0] = H'^1024(H0 || 0 || lane), B[lane][1] = H'^1024(H0 || 1 || lane). */
    private void firstBlocks(byte[] h0, int lanes, int laneLength) {
        byte[] seed = Arrays.copyOf(h0, 72);
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                putInt(seed, 64, column);
                putInt(seed, 68, lane);
                byte[] block = variableHash(seed, 1024);
                int at = (lane * laneLength + column) * BLOCK_LONGS;
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    memory[at + i] = getLong(block, i * 8);
                }
                Arrays.fill(block, (byte) 0);
            }
        }
        Arrays.fill(seed, (byte) 0);
    }

    /** H'^T(A): Blake2b of any output length T (RFC 9106, 3.3). */
    private static byte[] variableHash(byte[] a, int length) {
        byte[] out = new byte[length];
        byte[] prefix = new byte[4];
        putInt(prefix, 0, length);
        if (length <= 64) {
            Blake2bDigest blake = new Blake2bDigest(length * 8);
            blake.update(prefix, 0, 4);
            blake.update(a, 0, a.length);
            blake.doFinal(out, 0);
            return out;
        }
        int rounds = (length + 31) / 32 - 2;
        byte[] v = new byte[64];
        Blake2bDigest blake = new Blake2bDigest(512);
        blake.update(prefix, 0, 4);
        blake.update(a, 0, a.length);
        blake.doFinal(v, 0);
        System.arraycopy(v, 0, out, 0, 32);
        for (int i = 1; i < rounds; i++) {
            blake.update(v, 0, 64);
            blake.doFinal(v, 0);
            System.arraycopy(v, 0, out, 32 * i, 32);
        }
        Blake2bDigest last = new Blake2bDigest((length - 32 * rounds) * 8);
        last.update(v, 0, 64);
        last.doFinal(out, 32 * rounds);
        Arrays.fill(v, (byte) 0);
        return out;
    }

    /** One hash's filling of the memory, segment by segment. */
    private final class Fill {
        private final int blocks;
        private final int laneLength;
        private final int segmentLength;
        private final int lanes;
        private final int iterations;

        Fill(int blocks, int laneLength, int lanes, int iterations) {
            this.blocks = blocks;
            this.laneLength = laneLength;
            this.segmentLength = laneLength / SYNC_POINTS;
            this.lanes = lanes;
            this.iterations = iterations;
        }

        void segment(int pass, int slice, int lane) {
            // Argon2id: the first half of the first pass addresses independently of the data (as Argon2i).
            boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
            if (independent) {
                Arrays.fill(input, 0L);
                input[0] = pass;
                input[1] = lane;
                input[2] = slice;
                input[3] = blocks;
                input[4] = iterations;
                input[5] = TYPE_ID;
            }
            int first = pass == 0 && slice == 0 ? 2 : 0; // B[lane][0] and [1] are already there
            if (independent && first == 2) {
                nextAddresses();
            }
            int laneStart = lane * laneLength;
            for (int index = first; index < segmentLength; index++) {
                int column = slice * segmentLength + index;
                int previous = laneStart + (column == 0 ? laneLength - 1 : column - 1);
                long pseudoRandom;
                if (independent) {
                    if (index % BLOCK_LONGS == 0) {
                        nextAddresses();
                    }
                    pseudoRandom = addresses[index % BLOCK_LONGS];
                } else {
                    pseudoRandom = memory[previous * BLOCK_LONGS];
                }
                int refLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
                int refColumn = referenceColumn(pass, slice, index, pseudoRandom & 0xFFFFFFFFL, refLane == lane);
                compress(previous * BLOCK_LONGS, (refLane * laneLength + refColumn) * BLOCK_LONGS,
                        (laneStart + column) * BLOCK_LONGS, pass > 0);
            }
        }

        /** The column in the reference lane: J1 mapped onto the blocks this one may reference (RFC 9106, 3.4.2). */
        private int referenceColumn(int pass, int slice, int index, long j1, boolean sameLane) {
            int areaSize;
            int start;
            if (pass == 0) {
                start = 0;
                areaSize = sameLane ? slice * segmentLength + index - 1 : slice * segmentLength + (index == 0 ? -1 : 0);
            } else {
                start = (slice + 1) * segmentLength % laneLength;
                areaSize = sameLane ? laneLength - segmentLength + index - 1
                        : laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long x = (j1 * j1) >>> 32;
            long relative = areaSize - 1 - ((areaSize * x) >>> 32);
            return (int) ((start + relative) % laneLength);
        }

        /** The next 128 addresses: G(0, G(0, input)) with the input's counter raised first. */
        private void nextAddresses() {
            input[6]++;
            // G(0, Z) = P(Z) xor Z.
            System.arraycopy(input, 0, r, 0, BLOCK_LONGS);
            System.arraycopy(input, 0, q, 0, BLOCK_LONGS);
            permute(q);
            for (int i = 0; i < BLOCK_LONGS; i++) {
                addresses[i] = q[i] ^ r[i];
            }
            System.arraycopy(addresses, 0, r, 0, BLOCK_LONGS);
            System.arraycopy(addresses, 0, q, 0, BLOCK_LONGS);
            permute(q);
            for (int i = 0; i < BLOCK_LONGS; i++) {
                addresses[i] = q[i] ^ r[i];
            }
        }
    }

    /**
     * memory[to] = G(memory[x], memory[y]) (xor memory[to] after the first pass, as version 0x13 does):
     * R = X xor Y, Q = P(R) on rows then columns, G = Q xor R.
     */
    private void compress(int x, int y, int to, boolean withXor) {
        long[] m = memory;
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long v = m[x + i] ^ m[y + i];
            r[i] = v;
            q[i] = v;
        }
        permute(q);
        if (withXor) {
            for (int i = 0; i < BLOCK_LONGS; i++) {
                m[to + i] ^= q[i] ^ r[i];
            }
        } else {
            for (int i = 0; i < BLOCK_LONGS; i++) {
                m[to + i] = q[i] ^ r[i];
            }
        }
    }

    /** P on each row of 16 words, then on each column of 2-word pairs (RFC 9106, 3.5). */
    private static void permute(long[] b) {
        for (int row = 0; row < 8; row++) {
            int s = 16 * row;
            round(b, s, s + 1, s + 2, s + 3, s + 4, s + 5, s + 6, s + 7,
                    s + 8, s + 9, s + 10, s + 11, s + 12, s + 13, s + 14, s + 15);
        }
        for (int column = 0; column < 8; column++) {
            int s = 2 * column;
            round(b, s, s + 1, s + 16, s + 17, s + 32, s + 33, s + 48, s + 49,
                    s + 64, s + 65, s + 80, s + 81, s + 96, s + 97, s + 112, s + 113);
        }
    }

    /** Blake2b's round with BlaMka's multiplication, on 16 words of {@code b} given by index. */
    private static void round(long[] b, int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7,
                              int i8, int i9, int i10, int i11, int i12, int i13, int i14, int i15) {
        long v0 = b[i0], v1 = b[i1], v2 = b[i2], v3 = b[i3], v4 = b[i4], v5 = b[i5], v6 = b[i6], v7 = b[i7];
        long v8 = b[i8], v9 = b[i9], v10 = b[i10], v11 = b[i11], v12 = b[i12], v13 = b[i13], v14 = b[i14], v15 = b[i15];

        // GB(v0, v4, v8, v12)
        v0 = blaMka(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = blaMka(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = blaMka(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = blaMka(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        // GB(v1, v5, v9, v13)
        v1 = blaMka(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = blaMka(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = blaMka(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = blaMka(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        // GB(v2, v6, v10, v14)
        v2 = blaMka(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = blaMka(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = blaMka(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = blaMka(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        // GB(v3, v7, v11, v15)
        v3 = blaMka(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = blaMka(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = blaMka(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = blaMka(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // GB(v0, v5, v10, v15)
        v0 = blaMka(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = blaMka(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = blaMka(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = blaMka(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        // GB(v1, v6, v11, v12)
        v1 = blaMka(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = blaMka(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = blaMka(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = blaMka(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        // GB(v2, v7, v8, v13)
        v2 = blaMka(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = blaMka(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = blaMka(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = blaMka(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        // GB(v3, v4, v9, v14)
        v3 = blaMka(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = blaMka(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = blaMka(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = blaMka(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);

        b[i0] = v0; b[i1] = v1; b[i2] = v2; b[i3] = v3; b[i4] = v4; b[i5] = v5; b[i6] = v6; b[i7] = v7;
        b[i8] = v8; b[i9] = v9; b[i10] = v10; b[i11] = v11; b[i12] = v12; b[i13] = v13; b[i14] = v14; b[i15] = v15;
    }

    /** a + b + 2 * lo32(a) * lo32(b), modulo 2^64. */
    private static long blaMka(long a, long b) {
        return a + b + 2 * (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
    }

    private static void update(Blake2bDigest blake, int n) {
        byte[] le = new byte[4];
        putInt(le, 0, n);
        blake.update(le, 0, 4);
    }

    private static void putInt(byte[] to, int at, int n) {
        to[at] = (byte) n;
        to[at + 1] = (byte) (n >>> 8);
        to[at + 2] = (byte) (n >>> 16);
        to[at + 3] = (byte) (n >>> 24);
    }

    private static long getLong(byte[] from, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (from[at + i] & 0xFFL);
        }
        return v;
    }

    private static byte[] toBytes(long[] words, int at) {
        byte[] out = new byte[BLOCK_LONGS * 8];
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long v = words[at + i];
            for (int k = 0; k < 8; k++) {
                out[i * 8 + k] = (byte) (v >>> (8 * k));
            }
        }
        return out;
    }
}
