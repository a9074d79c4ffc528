package dev.inkwell.persistence;

import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

import java.util.Optional;
import java.util.function.Function;

/**
 * Jdbi's template engine for Inkwell: {@code <name>} attributes as Jdbi's default engine has
 * them, and each named statement ({@link StatementNames}) starts with {@code /* PostDao.findById * /}, so that
 * pg_stat_activity and slow-query logs name the method. Dropwizard's own name-prepending engine
 * does the same but is not a {@link TemplateEngine.Parsing} engine, so Jdbi parsed every
 * statement's template again on every execution (an ANTLR lexer run per query, the largest
 * item in the profile of an uncached read). As a parsing engine, each template is parsed once
 * and cached by Jdbi; only the name is added per execution.
 */
final class NamedStatements implements TemplateEngine.Parsing {
    private final DefinedAttributeTemplateEngine attributes = new DefinedAttributeTemplateEngine();

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return attributes.parse(template, config).map(render -> context -> comment(context) + render.apply(context));
    }

    private static String comment(StatementContext context) {
        StatementNames.Name name = StatementNames.of(context);
        return name == null ? "" : name.comment();
    }
}
