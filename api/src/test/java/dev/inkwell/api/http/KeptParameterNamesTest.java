package dev.inkwell.api.http;

import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KeptParameterNamesTest {
    /** A resource method's shape: parameters named by their annotations, one constrained. */
    public static final class Resource {
        public Resource(@QueryParam("made") String made) {
        }

        public void find(@PathParam("id") long id, @QueryParam("q") @NotNull String q, @HeaderParam("If-Match") String ifMatch) {
        }
    }

    /** Dropwizard's names, counting how often it is asked. */
    private static final class Counting implements ParameterNameProvider {
        private final JerseyParameterNameProvider names = new JerseyParameterNameProvider();
        private final AtomicInteger asked = new AtomicInteger();

        @Override
        public List<String> getParameterNames(Constructor<?> constructor) {
            asked.incrementAndGet();
            return names.getParameterNames(constructor);
        }

        @Override
        public List<String> getParameterNames(Method method) {
            asked.incrementAndGet();
            return names.getParameterNames(method);
        }
    }

    private static Method find() throws NoSuchMethodException {
        return Resource.class.getMethod("find", long.class, String.class, String.class);
    }

    @Test
    void namesAreDropwizardsAndWorkedOutOncePerMethod() throws Exception {
        Counting dropwizard = new Counting();
        KeptParameterNames kept = new KeptParameterNames(dropwizard);
        Constructor<Resource> made = Resource.class.getConstructor(String.class);

        for (int i = 0; i < 3; i++) {
            assertThat(kept.getParameterNames(find())).containsExactly("path param id", "query param q", "header If-Match");
            assertThat(kept.getParameterNames(made)).isEqualTo(new JerseyParameterNameProvider().getParameterNames(made));
        }
        assertThat(dropwizard.asked).hasValue(2);
    }

    @Test
    void theValidatorNamesAViolatedParameterAsDropwizardDoes() throws Exception {
        Set<ConstraintViolation<Resource>> violations = KeptParameterNames.validatorFactory().getValidator().forExecutables()
                .validateParameters(new Resource(null), find(), new Object[] {1L, null, null});

        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).isEqualTo("find.query param q"));
    }
}
