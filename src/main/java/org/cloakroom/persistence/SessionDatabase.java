package org.cloakroom.persistence;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code EntityManagerFactory} the database engines use. Cloakroom produces one for
 * its own persistence unit {@code cloakroom} on the default datasource; to use your own, produce a
 * resource-local factory whose unit lists {@link SessionEntity}, with {@code @Alternative @Priority}:
 * <pre>{@code
 * @Produces @SessionDatabase @Alternative @Priority(APPLICATION)
 * @PersistenceUnit(unitName = "my-sessions") EntityManagerFactory sessions;
 * }</pre>
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface SessionDatabase {
}
