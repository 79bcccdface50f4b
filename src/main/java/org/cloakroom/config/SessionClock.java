package org.cloakroom.config;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The clock that sessions expire by, a bean of its own ({@link SessionSettings#clock()} in a
 * deployment: the system's UTC clock). Qualified, so that an application's own {@code Clock} bean
 * neither clashes with it nor replaces it unasked.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface SessionClock {
}
