package dev.inkwell.persistence;

import dev.inkwell.domain.user.Role;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.AttachedExtensionHandler;
import org.jdbi.v3.core.extension.ExtensionHandler;
import org.jdbi.v3.core.extension.ExtensionHandlerCustomizer;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.lang.reflect.Method;
import java.sql.Types;

/** The one Jdbi configuration of Inkwell, applied to every Jdbi that api, worker and tests build. */
public final class InkwellJdbi {
    private InkwellJdbi() {
    }

    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        // java.time through getObject/setObject (timestamptz as OffsetDateTime in UTC), arrays, etc.
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.registerArgument(new RoleArgumentFactory());
        jdbi.registerColumnMapper(Role.class, (rs, column, ctx) -> Role.fromCode(rs.getString(column)));
        jdbi.getConfig(Extensions.class).registerHandlerCustomizer(new TranslateErrors());
        jdbi.setTransactionHandler(new TranslatingTransactionHandler(jdbi.getTransactionHandler()));
        jdbi.setTemplateEngine(new NamedStatements());
        return jdbi;
    }

    /** Binds a {@link Role} as its stored code ('user', 'admin'), not its Java name. */
    private static final class RoleArgumentFactory extends AbstractArgumentFactory<Role> {
        RoleArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Role role, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, role.code());
        }
    }

    /**
     * Wraps every DAO method so callers only ever see domain errors for data problems (see
     * {@link SqlErrors}). DAO methods whose names start with "delete" are deletes: a foreign-key
     * violation there means "still referenced", not "refers to nothing".
     */
    private static final class TranslateErrors implements ExtensionHandlerCustomizer {
        @Override
        public ExtensionHandler customize(ExtensionHandler handler, Class<?> extensionType, Method method) {
            boolean deleting = method.getName().startsWith("delete");
            return (config, target) -> {
                AttachedExtensionHandler attached = handler.attachTo(config, target);
                return (handleSupplier, args) -> {
                    try {
                        return attached.invoke(handleSupplier, args);
                    } catch (JdbiException e) {
                        throw SqlErrors.translate(e, deleting);
                    }
                };
            };
        }
    }
}
