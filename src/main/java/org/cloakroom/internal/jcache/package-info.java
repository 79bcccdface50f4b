/**
 * Internal: the JCache plumbing of the {@code cache} and {@code cached_db} engines (opening the
 * cache a setting names, the container's cache manager, the entries and their expiry). Not an
 * API: it may change in any release. The engine classes reach javax.cache only through it, so CDI
 * can inspect them in deployments without javax.cache. Uses the SPI and the settings only.
 */
package org.cloakroom.internal.jcache;
