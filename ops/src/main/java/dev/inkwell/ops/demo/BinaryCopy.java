package dev.inkwell.ops.demo;

import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.SQLException;

/**
 * The rows of one {@code COPY ... FROM STDIN (FORMAT binary)}, written straight into the driver's
 * copy stream in chunks: per row its number of fields, per field its length and its bytes (each
 * type's binary form, network byte order). Binary, so the server parses no numbers, timestamps or
 * vectors from text.
 */
final class BinaryCopy {
    /** The signature, no flags, no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 00:00 UTC), from which timestamps count. */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /** What a COPY sends. */
    interface Rows {
        void writeTo(BinaryCopy copy) throws SQLException;
    }

    private final CopyIn copy;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    private BinaryCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Runs {@code sql}, a COPY FROM STDIN in binary format, on the handle's connection; returns the rows copied. */
    static long copy(Handle handle, String sql, Rows rows) throws SQLException {
        CopyIn in = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            BinaryCopy copy = new BinaryCopy(in);
            copy.bytes(HEADER);
            rows.writeTo(copy);
            copy.int2(-1);
            copy.flush();
            return in.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy(); // the rows failed half-way: the server fails the COPY
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    void row(int fields) throws SQLException {
        int2(fields);
    }

    void int8Field(long value) throws SQLException {
        int4(Long.BYTES);
        int8(value);
    }

    void boolField(boolean value) throws SQLException {
        int4(1);
        int1(value ? 1 : 0);
    }

    /** A timestamptz, as microseconds since the Unix epoch. */
    void timestampField(long unixMicros) throws SQLException {
        int8Field(unixMicros - PG_EPOCH_MICROS);
    }

    void nullField() throws SQLException {
        int4(-1);
    }

    /** Starts a field of {@code length} bytes, which the caller writes next. */
    void field(int length) throws SQLException {
        int4(length);
    }

    void int1(int value) throws SQLException {
        room(1);
        buffer[used++] = (byte) value;
    }

    void int2(int value) throws SQLException {
        room(2);
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    void int4(int value) throws SQLException {
        room(4);
        buffer[used++] = (byte) (value >>> 24);
        buffer[used++] = (byte) (value >>> 16);
        buffer[used++] = (byte) (value >>> 8);
        buffer[used++] = (byte) value;
    }

    void int8(long value) throws SQLException {
        int4((int) (value >>> 32));
        int4((int) value);
    }

    void bytes(byte[] bytes) throws SQLException {
        if (bytes.length > buffer.length) {
            flush();
            copy.writeToCopy(bytes, 0, bytes.length);
            return;
        }
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void room(int bytes) throws SQLException {
        if (used + bytes > buffer.length) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }
}
