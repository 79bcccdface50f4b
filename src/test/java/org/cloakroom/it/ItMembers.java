package org.cloakroom.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloakroom.security.CallerFingerprint;

/**
 * The test application's members, with passwords that can change, and the fingerprint that ties
 * a login to the password (here the password itself: a real store would give a hash of its hash).
 */
@ApplicationScoped
public class ItMembers implements IdentityStore, CallerFingerprint {

    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>(Map.of("alice", "wonderland", "bob", "builder",
            "carol", "operator"));
    /** Carol also administers the sessions (SESSION_ADMIN_ROLE=session-admin where a test sets it). */
    static final String ADMIN = "carol";
    /** How many times a credential was checked: a remembered caller must not be checked again. */
    static final AtomicInteger VALIDATIONS = new AtomicInteger();

    @Override
    public CredentialValidationResult validate(Credential credential) {
        VALIDATIONS.incrementAndGet();
        if (credential instanceof UsernamePasswordCredential login
                && login.getPasswordAsString().equals(PASSWORDS.get(login.getCaller()))) {
            return new CredentialValidationResult(login.getCaller(),
                    login.getCaller().equals(ADMIN) ? Set.of("member", "session-admin") : Set.of("member"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    @Override
    public String fingerprint(String callerName) {
        return PASSWORDS.get(callerName);
    }
}
