package dev.inkwell.api.http;

import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.ValidatorFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The names validation gives a resource method's parameters ("query param q", Dropwizard's), worked
 * out once per method. Hibernate Validator asks for all of a method's names for each parameter it
 * validates, on every request, and Dropwizard's provider reads them from the parameters'
 * annotations, which the JDK parses again on every call: nearly all of a request's validation
 * CPU (a twentieth of a new post's). Methods do not change while the process runs, and those
 * validated are the resources' and the configuration's, a fixed set: kept for good.
 */
public final class KeptParameterNames implements ParameterNameProvider {
    private final ParameterNameProvider names;
    private final Map<Executable, List<String>> kept = new ConcurrentHashMap<>();

    public KeptParameterNames(ParameterNameProvider names) {
        this.names = names;
    }

    /** Dropwizard's validator factory (its value extractors, its constraint factory), with these names. */
    public static ValidatorFactory validatorFactory() {
        return Validators.newConfiguration()
                .parameterNameProvider(new KeptParameterNames(new JerseyParameterNameProvider()))
                .buildValidatorFactory();
    }

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return kept(constructor, () -> names.getParameterNames(constructor));
    }

    @Override
    public List<String> getParameterNames(Method method) {
        return kept(method, () -> names.getParameterNames(method));
    }

    private List<String> kept(Executable executable, Supplier<List<String>> worked) {
        return kept.computeIfAbsent(executable, e -> Collections.unmodifiableList(new ArrayList<>(worked.get())));
    }
}
