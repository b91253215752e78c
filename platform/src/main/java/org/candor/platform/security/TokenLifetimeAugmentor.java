package org.candor.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives an identity built from a bearer token the token's expiry, in the attribute Quarkus reads for
 * it: a WebSocket (the support console) opened with the token is then closed by Quarkus when the
 * token expires ("Authentication expired", 1008), instead of staying open with an identity that
 * would be refused on any new request.
 */
@ApplicationScoped
public class TokenLifetimeAugmentor implements SecurityIdentityAugmentor {

    /** The attribute, in epoch seconds, that quarkus-websockets-next closes connections by. */
    public static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(EXPIRE_TIME) != null
                || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getExpirationTime() <= 0) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(EXPIRE_TIME, token.getExpirationTime())
                .build());
    }
}
