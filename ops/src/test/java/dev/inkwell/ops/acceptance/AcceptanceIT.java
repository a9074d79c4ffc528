package dev.inkwell.ops.acceptance;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/**
 * The black-box acceptance checks: the API contract (DESIGN.md sections 3 and 8) as a client
 * sees it, over HTTP only, against one base URL. Without {@code -Dinkwell.acceptance.url} they
 * start a deployment of their own (the jar's api and worker, {@link SelfStarted}); with it they
 * check any deployment, e.g. ops/cluster through HAProxy (README, "Acceptance checks"). Each
 * check makes what it needs under names of its own and removes it, so runs may repeat against a
 * long-lived deployment; the run's few sign-ups and bulk requests stay under its rate limits.
 * <p>
 * One class with the groups nested, so that the groups share one deployment and one set of
 * accounts: failsafe's forks take classes from a queue, and classes of their own could each start
 * a deployment and sign up in another JVM.
 */
@Tag("slow") // starts the jar's api and worker: the slow failsafe execution (root pom)
class AcceptanceIT {

    @Nested
    class Users extends UserChecks {
    }

    @Nested
    class CategoriesAndTags extends TaxonomyChecks {
    }

    @Nested
    class Posts extends PostChecks {
    }

    @Nested
    class PostLists extends PostListChecks {
    }

    @Nested
    class BulkUpdates extends BulkUpdateChecks {
    }

    @Nested
    class Problems extends ProblemChecks {
    }

    @Nested
    class Admin extends AdminChecks {
    }
}
