package org.cloakroom.engine;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the session methods that change it. Inert on a plain session; on the request's session
 * bean it binds the CDI interceptor that tracks modification over the request's life (it refuses
 * a change once the response has committed, when it could no longer be saved). Reads are not
 * intercepted, so they cost nothing extra.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TracksModification {
}
