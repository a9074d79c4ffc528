package dev.inkwell.persistence.testing;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A DAO interface (or any interface) for a unit test without a database: it answers only the
 * methods the test names, by name, and fails on any other call, so a test states exactly what
 * storage it relies on.
 * <pre>
 * BulkUpdateDao dao = FakeDao.of(BulkUpdateDao.class).answer("status", args -&gt; Optional.of(status)).build();
 * </pre>
 */
public final class FakeDao<T> {
    private final Class<T> type;
    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

    private FakeDao(Class<T> type) {
        this.type = type;
    }

    public static <T> FakeDao<T> of(Class<T> type) {
        return new FakeDao<>(type);
    }

    /** Calls of {@code method} (any overload) answer what {@code answer} makes of their arguments. */
    public FakeDao<T> answer(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    public T build() {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "FakeDao(" + type.getSimpleName() + ")";
                };
            }
            throw new AssertionError("unexpected call of " + type.getSimpleName() + "." + method.getName());
        });
        return type.cast(proxy);
    }
}
