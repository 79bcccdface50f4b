/**
 * What happens to sessions, as CDI events an application observes with {@code @Observes}:
 * created, key cycled, deleted, logged in, logged out, expired. Each carries storage ids (a hash of
 * the key, safe to log or show), never a key. Observers run synchronously, on the thread that made
 * the change, after the storage change is done (each engine write is its own short transaction, so
 * an observer never runs inside it); an observer that throws fails that request or that cleanup
 * batch, and the change stays. Nothing is fired, or even built, for an event no observer wants.
 * Imports nothing else of Cloakroom.
 */
package org.cloakroom.event;
