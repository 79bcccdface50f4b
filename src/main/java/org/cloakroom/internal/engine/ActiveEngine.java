package org.cloakroom.internal.engine;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the engine {@code SESSION_ENGINE} selects. A qualifier of its own keeps an
 * application's engine bean (which has {@code @Default}) from being ambiguous with it.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface ActiveEngine {

    /** For programmatic lookup. */
    final class Literal extends AnnotationLiteral<ActiveEngine> implements ActiveEngine {
        public static final Literal INSTANCE = new Literal();
    }
}
