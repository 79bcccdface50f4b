/**
 * The engine SPI, for applications that store sessions their own way:
 * {@link org.cloakroom.spi.SessionEngine} (the storage contract, Django's {@code SessionBase}
 * storage methods), {@link org.cloakroom.spi.Loaded} (data and the version a compare-and-set
 * checks), {@link org.cloakroom.spi.CreateException}, {@link org.cloakroom.spi.UpdateException}
 * and {@link org.cloakroom.spi.SessionKeys} (keys and their storage ids). Imports only the API and
 * the events, so a custom engine depends on nothing else of Cloakroom.
 */
package org.cloakroom.spi;
