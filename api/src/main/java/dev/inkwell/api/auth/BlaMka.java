package dev.inkwell.api.auth;

/**
 * Argon2's permutation P (RFC 9106, 3.5): Blake2b's round with BlaMka's multiplication, applied
 * to the 8 rows and then the 8 columns of a 1 KiB block of 128 words. It is where a hash spends
 * its time, so the 16 words of a round live in locals and every index is spelled out.
 */
final class BlaMka {
    private BlaMka() {
    }

    /** P on each row of 16 words, then on each column of 2-word pairs (RFC 9106, 3.5). */
    static void permute(long[] b) {
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
}
