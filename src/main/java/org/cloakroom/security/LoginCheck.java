package org.cloakroom.security;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.cloakroom.internal.cdi.DeploymentCheck;
import org.cloakroom.config.SessionConfigurationException;
import org.cloakroom.config.Setting;
import org.cloakroom.config.SigningKeys;

/**
 * Fails the deployment when logins cannot be tied to credentials safely: two
 * {@link CallerFingerprint} beans (which one would decide?), or one without {@code SECRET_KEY},
 * which keys the hash of the fingerprint stored in every session.
 */
@Dependent
class LoginCheck implements DeploymentCheck {

    @Inject
    SigningKeys keys;

    @Inject
    Instance<CallerFingerprint> fingerprints;

    @Override
    public void run() {
        if (fingerprints.isAmbiguous()) {
            throw new SessionConfigurationException("More than one CallerFingerprint bean: keep one, so that it is clear "
                    + "which fingerprint ties a login to the caller's credentials");
        }
        if (fingerprints.isResolvable() && keys.secretKey().isEmpty()) {
            throw Setting.SECRET_KEY.invalid(null, "it must be set when a CallerFingerprint ties logins to credentials: "
                    + "it keys the hash of the fingerprint that every session stores");
        }
    }
}
