/**
 * Engines: {@link org.cloakroom.engine.BaseSession} holds every session rule once;
 * {@link org.cloakroom.engine.SessionEngine} is the small storage contract each engine implements
 * in one class ({@code db}: {@link org.cloakroom.engine.DatabaseEngine}).
 */
package org.cloakroom.engine;
