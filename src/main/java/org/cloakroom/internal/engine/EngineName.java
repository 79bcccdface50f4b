package org.cloakroom.internal.engine;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Qualifies a built-in engine with its {@code SESSION_ENGINE} name ({@code db}, {@code file}, ...). */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface EngineName {

    String value();

    /** For selecting an engine by name at run time. */
    final class Literal extends AnnotationLiteral<EngineName> implements EngineName {

        private final String value;

        public Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
