/**
 * Internal, not an API (it may change in any release): the HTTP glue (Django's SessionMiddleware): the servlet filter that saves sessions and sends
 * cookies before the response commits, the cookie format, and the rules in servlet-free form.
 */
package org.cloakroom.internal.http;
