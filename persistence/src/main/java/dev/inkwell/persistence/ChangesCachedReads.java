package dev.inkwell.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a DAO method that changes rows the read cache keeps copies of (posts, users, categories,
 * tags): only the write services ({@code PostWrites}, {@code UserWrites}, {@code CategoryWrites},
 * {@code TagWrites}) call it, and they invalidate what it made stale once it committed. A
 * structure test (ops' {@code WriteOwnershipTest}) fails when other code calls a marked method, so
 * a new write method marked here cannot be paired with a forgotten invalidation. Kept in the class
 * files only (Jdbi never sees it).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ChangesCachedReads {
}
