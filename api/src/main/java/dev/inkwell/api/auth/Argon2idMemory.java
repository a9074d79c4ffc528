package dev.inkwell.api.auth;

import java.util.Arrays;

/**
 * Argon2id (version 0x13, RFC 9106) computed in memory that is kept from one hash to the next.
 * Bouncy Castle's {@code Argon2BytesGenerator} allocates its memory on every {@code init} (19 MiB as
 * 19,456 objects for the OWASP parameters) and drops it after each hash: that garbage filled the
 * api's 256 MB heap, and sign-ups lost to the collections. Here the blocks live in one flat
 * {@code long[]} that {@link PasswordHasher} lends to one hash at a time. The compression's
 * permutation is {@link BlaMka}; H0 and H' are {@link Argon2Blake2b} (on Bouncy Castle's Blake2b).
 *
 * <p>The memory is wiped after every hash (the blocks are derived from the password), and a hash
 * never reads a block before its first pass has written it, so results never depend on what a
 * previous hash left. Lanes are computed one after the other, which gives the same result as in
 * parallel. Not thread-safe: one hash at a time per instance.
 */
final class Argon2idMemory {
    /** Words (longs) in a block of 1 KiB. */
    static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    /** Argon2id's y. */
    static final int TYPE_ID = 2;
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
            byte[] h0 = Argon2Blake2b.initialHash(password, salt, secret, associated, memoryKiB, iterations, lanes, length);
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
            byte[] finalBlock = Argon2Blake2b.toBytes(r, 0);
            byte[] tag = Argon2Blake2b.variableHash(finalBlock, length);
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

    /** B[lane][0] = H'^1024(H0 || 0 || lane), B[lane][1] = H'^1024(H0 || 1 || lane). */
    private void firstBlocks(byte[] h0, int lanes, int laneLength) {
        byte[] seed = Arrays.copyOf(h0, 72);
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                Argon2Blake2b.putInt(seed, 64, column);
                Argon2Blake2b.putInt(seed, 68, lane);
                byte[] block = Argon2Blake2b.variableHash(seed, 1024);
                int at = (lane * laneLength + column) * BLOCK_LONGS;
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    memory[at + i] = Argon2Blake2b.getLong(block, i * 8);
                }
                Arrays.fill(block, (byte) 0);
            }
        }
        Arrays.fill(seed, (byte) 0);
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
            BlaMka.permute(q);
            for (int i = 0; i < BLOCK_LONGS; i++) {
                addresses[i] = q[i] ^ r[i];
            }
            System.arraycopy(addresses, 0, r, 0, BLOCK_LONGS);
            System.arraycopy(addresses, 0, q, 0, BLOCK_LONGS);
            BlaMka.permute(q);
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
        BlaMka.permute(q);
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
}
