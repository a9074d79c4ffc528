package dev.inkwell.api.auth;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.util.Arrays;

/**
 * Argon2's uses of Blake2b (Bouncy Castle's): the initial hash H0 of the parameters and inputs,
 * and H', Blake2b of any output length (RFC 9106, 3.2 and 3.3); and the little-endian byte and
 * word conversions between them and the memory's blocks.
 */
final class Argon2Blake2b {
    private static final int VERSION = 0x13;

    private Argon2Blake2b() {
    }

    /** H0 = H^64(p, T, m, t, v, y, |P|, P, |S|, S, |K|, K, |X|, X), every number a little-endian int. */
    static byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associated,
                              int memoryKiB, int iterations, int lanes, int length) {
        Blake2bDigest blake = new Blake2bDigest(512);
        for (int n : new int[] {lanes, length, memoryKiB, iterations, VERSION, Argon2idMemory.TYPE_ID}) {
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

    /** H'^T(A): Blake2b of any output length T (RFC 9106, 3.3). */
    static byte[] variableHash(byte[] a, int length) {
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

    private static void update(Blake2bDigest blake, int n) {
        byte[] le = new byte[4];
        putInt(le, 0, n);
        blake.update(le, 0, 4);
    }

    static void putInt(byte[] to, int at, int n) {
        to[at] = (byte) n;
        to[at + 1] = (byte) (n >>> 8);
        to[at + 2] = (byte) (n >>> 16);
        to[at + 3] = (byte) (n >>> 24);
    }

    static long getLong(byte[] from, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (from[at + i] & 0xFFL);
        }
        return v;
    }

    static byte[] toBytes(long[] words, int at) {
        byte[] out = new byte[Argon2idMemory.BLOCK_LONGS * 8];
        for (int i = 0; i < Argon2idMemory.BLOCK_LONGS; i++) {
            long v = words[at + i];
            for (int k = 0; k < 8; k++) {
                out[i * 8 + k] = (byte) (v >>> (8 * k));
            }
        }
        return out;
    }
}
