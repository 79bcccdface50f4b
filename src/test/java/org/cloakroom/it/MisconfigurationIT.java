package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bad setting fails the deployment on the server, and the failure names the setting. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisconfigurationIT {

    private static WebArchive withConfig(String name, String config) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(ItApplication.class, Comments.class)
                .addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("cloakroom.jar"))))
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    @Deployment(name = "negative-age", managed = false, testable = false)
    static WebArchive negativeAge() {
        return withConfig("negative-age", "session.cookie.age=-5\n");
    }

    @Deployment(name = "unknown-engine", managed = false, testable = false)
    static WebArchive unknownEngine() {
        return withConfig("unknown-engine", "session.engine=memcached\n");
    }

    /** Wrong in a way only the engine's own check finds, after CDI has started. */
    @Deployment(name = "no-secret-key", managed = false, testable = false)
    static WebArchive noSecretKey() {
        return withConfig("no-secret-key", "session.engine=signed_cookies\n");
    }

    @ArquillianResource
    Deployer deployer;

    private void assertDeploymentFailsNaming(String deployment, String setting) {
        Exception e = assertThrows(Exception.class, () -> deployer.deploy(deployment));
        StringBuilder all = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        assertTrue(all.toString().contains(setting), all.toString());
        try {
            deployer.undeploy(deployment);
        } catch (RuntimeException alreadyGone) {
            // A failed deployment may already have been removed.
        }
        if (!OperationsHttpIT.PAYARA) {
            // WildFly's health reporter keeps the checks of a deployment that failed: none of ours may be among them.
            String ready = OperationsHttpIT.fetch(OperationsHttpIT.serverUrl(null, "/health/ready")).body();
            assertFalse(ready.contains("SessionHealthCheck") || ready.contains("cloakroom-sessions"), ready);
        }
    }

    @Test
    void aNegativeCookieAgeFailsTheDeploymentNamingTheSetting() {
        assertDeploymentFailsNaming("negative-age", "SESSION_COOKIE_AGE");
    }

    @Test
    void anUnknownEngineFailsTheDeploymentNamingTheSetting() {
        assertDeploymentFailsNaming("unknown-engine", "SESSION_ENGINE");
    }

    @Test
    void signedCookiesWithoutASecretKeyFailTheDeploymentNamingTheSetting() {
        assertDeploymentFailsNaming("no-secret-key", "SECRET_KEY");
    }
}
