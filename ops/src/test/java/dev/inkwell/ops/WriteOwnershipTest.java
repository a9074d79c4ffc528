package dev.inkwell.ops;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.inkwell.persistence.ChangesCachedReads;
import dev.inkwell.persistence.DataLoads;
import dev.inkwell.persistence.category.CategoryWrites;
import dev.inkwell.persistence.comment.CommentWrites;
import dev.inkwell.persistence.post.PostPublishing;
import dev.inkwell.persistence.post.PostWrites;
import dev.inkwell.persistence.tag.TagWrites;
import dev.inkwell.persistence.user.UserWrites;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duty to invalidate the read cache after a write has one owner per aggregate, the write
 * services: a write that committed and nothing invalidated serves stale reads for up to the cache's
 * TTL, and no functional test notices a call site that forgot. So only the write services may call
 * the DAO methods marked {@link ChangesCachedReads} (a marked method may call others: a DAO's own
 * transaction), and only they, and the cache's own classes, may invalidate. Reads the main classes
 * of every module (ops sees them all), not tests, which write fixtures directly.
 */
class WriteOwnershipTest {
    /** Each runs a write's transaction and then invalidates what it made stale. */
    private static final Set<Class<?>> WRITE_SERVICES = Set.of(
            PostWrites.class, PostPublishing.class, UserWrites.class, CategoryWrites.class, TagWrites.class, CommentWrites.class,
            DataLoads.class);

    /** Writes outside the services, each with its reason: none today. */
    private static final Set<String> EXEMPT = Set.of();

    /** Classes by name, so that the rule still holds when a cache class moves between packages. */
    private static final Set<String> CACHE_CLASSES = Set.of("PostCache", "KeptTablePages");
    private static final String CACHE_PACKAGE = "dev.inkwell.persistence.cache";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.inkwell");

    @Test
    void onlyTheWriteServicesCallTheWritesOfCachedData() {
        ArchRule rule = noClasses().that(DescribedPredicate.describe("are not write services nor exempt",
                        (JavaClass c) -> !isWriteService(c) && !EXEMPT.contains(c.getName())))
                .should().callMethodWhere(DescribedPredicate.describe(
                        "the target is marked @ChangesCachedReads and the caller is not (a DAO's own transaction)",
                        (JavaMethodCall call) -> isMarked(call) && !call.getOrigin().isAnnotatedWith(ChangesCachedReads.class)))
                .because("a write service runs each write of posts, users, categories and tags and then invalidates"
                        + " the read cache; a direct call leaves that to a caller who can forget");
        rule.check(MAIN);
    }

    @Test
    void onlyTheWriteServicesAndTheCacheInvalidate() {
        ArchRule rule = noClasses().that(DescribedPredicate.describe("are not write services nor cache classes",
                        (JavaClass c) -> !isWriteService(c) && !isCacheClass(c)))
                .should().callMethodWhere(DescribedPredicate.describe("the target is an invalidate* method of the read cache",
                        (JavaMethodCall call) -> call.getName().startsWith("invalidate") && isCacheClass(call.getTargetOwner())))
                .because("invalidation belongs after the write that made the entries stale, in its write service");
        rule.check(MAIN);
    }

    /** Guards the rules above against passing on nothing (a renamed class, an import that found no classes). */
    @Test
    void theRulesSeeWhatTheyGuard() {
        long marked = MAIN.stream().flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(ChangesCachedReads.class)).count();
        assertThat(marked).as("methods marked @ChangesCachedReads").isGreaterThanOrEqualTo(30);
        assertThat(MAIN.stream().filter(WriteOwnershipTest::isCacheClass)
                .filter(c -> c.getMethods().stream().anyMatch(m -> m.getName().startsWith("invalidate")))
                .map(JavaClass::getSimpleName))
                .as("cache classes with invalidate methods")
                .contains("PostCache", "KeptTablePages");
        assertThat(MAIN.stream().filter(c -> c.getEnclosingClass().isEmpty()).filter(WriteOwnershipTest::isWriteService))
                .as("write services (their nested classes are theirs)").hasSize(WRITE_SERVICES.size());
    }

    private static boolean isMarked(JavaMethodCall call) {
        return call.getTarget().resolveMember().map((JavaMethod m) -> m.isAnnotatedWith(ChangesCachedReads.class)).orElse(false);
    }

    private static boolean isWriteService(JavaClass c) {
        JavaClass top = topLevel(c);
        return WRITE_SERVICES.stream().anyMatch(top::isEquivalentTo);
    }

    private static JavaClass topLevel(JavaClass c) {
        return c.getEnclosingClass().map(WriteOwnershipTest::topLevel).orElse(c);
    }

    private static boolean isCacheClass(JavaClass c) {
        JavaClass top = topLevel(c);
        return CACHE_CLASSES.contains(top.getSimpleName()) || top.getPackageName().startsWith(CACHE_PACKAGE);
    }
}
