package org.cloakroom.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.cloakroom.security.CallerFingerprint;

/**
 * The demo's identity store: the demo members, in group "member"; carol also administers the
 * sessions (group "session-admin", the demo's SESSION_ADMIN_ROLE). Its fingerprint ties each login
 * to the member's password, so a password change would log their sessions out everywhere.
 */
@ApplicationScoped
public class DemoMembers implements IdentityStore, CallerFingerprint {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login) {
            MemberResource.Member member = MemberResource.MEMBERS.get(login.getCaller());
            if (member != null && MessageDigest.isEqual(member.password().getBytes(StandardCharsets.UTF_8),
                    login.getPasswordAsString().getBytes(StandardCharsets.UTF_8))) {
                return new CredentialValidationResult(member.username(),
                        member.username().equals("carol") ? Set.of("member", "session-admin") : Set.of("member"));
            }
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    /** A hash of the password stands in for the hash of the stored password hash a real store would give. */
    @Override
    public String fingerprint(String callerName) {
        MemberResource.Member member = MemberResource.MEMBERS.get(callerName);
        if (member == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(member.password().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
