package org.cloakroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EJB timer deletes expired rows on its schedule (every two seconds here). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CleanupTimerIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestWars.war("cleanup", "session.clear.expired.schedule=*/2 * * * * *\n");
    }

    @ArquillianResource
    URL base;

    @Test
    void theTimerClearsExpiredRows() throws InterruptedException {
        Browser b = new Browser(base);
        Browser probe = new Browser(base);
        b.put("api/session/expiry/1", "");
        String expiring = b.cookie();
        Browser live = new Browser(base);
        live.put("api/session/put/a", "1");
        assertEquals("true", probe.get("api/probe/exists/" + expiring).body());
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && "true".equals(probe.get("api/probe/exists/" + expiring).body())) {
            Thread.sleep(500);
        }
        assertEquals("false", probe.get("api/probe/exists/" + expiring).body());
        assertEquals("true", probe.get("api/probe/exists/" + live.cookie()).body());
    }
}
