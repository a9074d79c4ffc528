package dev.inkwell.ops.demo;

import dev.inkwell.persistence.testing.PostgresExtension;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM's draws are the server's: hashint8extended and the Zipf ranks made from it. */
class DrawsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private static long[] values(int count) {
        SplittableRandom random = new SplittableRandom(20);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (i % 4) {
                case 0 -> i; // row numbers as the seed uses them
                case 1 -> random.nextLong(); // negative ones too: the high half is folded in complemented
                case 2 -> random.nextLong(5_000_000);
                default -> Long.MAX_VALUE - i;
            };
        }
        return values;
    }

    @Test
    void hashint8extendedIsTheServers() {
        long[] values = values(4_000);
        long[] seeds = {0, 1, 7, 1008, 4_000_000_000L, -3};

        for (long seed : seeds) {
            List<Long> server = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT hashint8extended(a, :seed) FROM unnest(:values::bigint[]) WITH ORDINALITY u(a, i) ORDER BY i
                    """).bind("seed", seed).bind("values", values).mapTo(Long.class).list());
            List<Long> jvm = new ArrayList<>();
            for (long value : values) {
                jvm.add(Draws.hashint8extended(value, seed));
            }
            assertThat(jvm).as("seed %d", seed).isEqualTo(server);
        }
    }

    @Test
    void u01IsTheServers() {
        long[] values = values(2_000);

        List<Double> server = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT (hashint8extended(a, 10) & 9007199254740991) / 9007199254740992.0::float8
                  FROM unnest(:values::bigint[]) WITH ORDINALITY u(a, i) ORDER BY i
                """).bind("values", values).mapTo(Double.class).list());

        List<Double> jvm = new ArrayList<>();
        for (long value : values) {
            jvm.add(Draws.u01(value, 10));
        }
        assertThat(jvm).isEqualTo(server);
    }

    private List<Integer> serverZipf(Handle h, long[] values, int salt, int n) {
        return h.createQuery("""
                SELECT least(:n, floor(exp((hashint8extended(a, :salt) & 9007199254740991) / 9007199254740992.0::float8
                                           * ln(:n + 1.0::float8)))::int)
                  FROM unnest(:values::bigint[]) WITH ORDINALITY u(a, i) ORDER BY i
                """).bind("values", values).bind("salt", salt).bind("n", n).mapTo(Integer.class).list();
    }

    @Test
    void zipfRanksAreTheServers() {
        long[] values = new long[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        db.jdbi().useHandle(h -> {
            DemoDataDao dao = h.attach(DemoDataDao.class);
            for (int n : new int[] {20_000, 500, 50, 1}) {
                for (int salt : new int[] {7, 1003, 42}) {
                    Zipf zipf = new Zipf(n, dao.lnPlusOne(n), (a, s, m) -> dao.zipf(a, s, m));
                    List<Integer> jvm = new ArrayList<>();
                    for (long value : values) {
                        jvm.add(zipf.draw(value, salt));
                    }
                    assertThat(jvm).as("n %d, salt %d", n, salt).isEqualTo(serverZipf(h, values, salt, n));
                }
            }
        });
    }

    /** Where Java's exp lands next to an integer the server decides: here every draw is such a one. */
    @Test
    void drawsNextToAnIntegerAreTheServersToo() {
        long[] values = values(300);
        db.jdbi().useHandle(h -> {
            DemoDataDao dao = h.attach(DemoDataDao.class);
            int[] asked = {0};
            Zipf zipf = new Zipf(20_000, dao.lnPlusOne(20_000), 1.0, (a, s, m) -> {
                asked[0]++;
                return dao.zipf(a, s, m);
            });
            List<Integer> jvm = new ArrayList<>();
            for (long value : values) {
                jvm.add(zipf.draw(value, 5));
            }

            assertThat(asked[0]).isEqualTo(values.length);
            assertThat(jvm).isEqualTo(serverZipf(h, values, 5, 20_000));
        });
    }
}
