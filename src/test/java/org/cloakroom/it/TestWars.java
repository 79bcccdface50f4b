package org.cloakroom.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR every server test starts from: the session endpoints, the probe, the library as a user bundles it. */
final class TestWars {

    private TestWars() {
    }

    /**
     * {@code name.war} with the JAX-RS application, {@link SessionEndpoints}, {@link Probe} and
     * {@code classes}, the library jar in {@code WEB-INF/lib}, and {@code settings} as its
     * MicroProfile Config.
     */
    static WebArchive war(String name, String settings, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(ItApplication.class, SessionEndpoints.class, Probe.class)
                .addClasses(classes)
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("cloakroom.jar"))))
                .addAsResource(new StringAsset(settings), "META-INF/microprofile-config.properties");
    }
}
