package org.candor.platform.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token once and remembers the result for the token's next requests: checking an
 * RS256 signature on every request of a staff client that sends the same token again and again is
 * most of what authentication costs.
 *
 * <p>Only tokens the default factory accepted are remembered, keyed by the exact token text, so a
 * changed token (a tampered claim or signature) is a new key and verified in full. An entry never
 * outlives the token's {@code exp} (nor its maximum age when {@code mp.jwt.verify.token.age} is set)
 * and is kept at most {@code candor.jwt.cache.max-age} (default 5 minutes), which also bounds how long
 * a token stays accepted after its signing key was withdrawn. At most
 * {@code candor.jwt.cache.max-entries} tokens (default 10,000; 0 turns the cache off) are kept; when
 * that many are live, further tokens are verified every time until entries expire.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingJWTCallerPrincipalFactory extends JWTCallerPrincipalFactory {

    private record Verified(JWTCallerPrincipal principal, JWTAuthContextInfo context, long expiresAtMillis) {
    }

    private final JWTCallerPrincipalFactory delegate;
    private final LongSupplier clock;
    private final int maxEntries;
    private final long maxAgeMillis;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** Settings from the application's configuration; also what smallrye-jwt calls reflectively. */
    public CachingJWTCallerPrincipalFactory() {
        this(new DefaultJWTCallerPrincipalFactory(), System::currentTimeMillis,
                ConfigProvider.getConfig().getOptionalValue("candor.jwt.cache.max-entries", Integer.class).orElse(10_000),
                ConfigProvider.getConfig().getOptionalValue("candor.jwt.cache.max-age", Duration.class)
                        .orElse(Duration.ofMinutes(5)));
    }

    CachingJWTCallerPrincipalFactory(JWTCallerPrincipalFactory delegate, LongSupplier clock, int maxEntries,
            Duration maxAge) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        long now = clock.getAsLong();
        Verified hit = verified.get(token);
        // Another verification context (other key, issuer or rules) must decide for itself.
        if (hit != null && hit.context == authContextInfo) {
            if (now < hit.expiresAtMillis) {
                return hit.principal;
            }
            verified.remove(token, hit);
        }
        JWTCallerPrincipal principal = delegate.parse(token, authContextInfo);
        remember(token, principal, authContextInfo, now);
        return principal;
    }

    private void remember(String token, JWTCallerPrincipal principal, JWTAuthContextInfo context, long now) {
        if (maxEntries <= 0) {
            return;
        }
        long expiresAt = Math.min(now + maxAgeMillis, seconds(principal.getExpirationTime()));
        Long tokenAge = context.getTokenAge();
        if (tokenAge != null && principal.getIssuedAtTime() > 0) {
            expiresAt = Math.min(expiresAt, seconds(principal.getIssuedAtTime() + tokenAge));
        }
        if (expiresAt <= now) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> entry.expiresAtMillis <= now);
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        verified.put(token, new Verified(principal, context, expiresAt));
    }

    private static long seconds(long epochSeconds) {
        return epochSeconds <= 0 ? 0 : Math.multiplyExact(epochSeconds, 1000L);
    }

    /** How many verified tokens are remembered. */
    int size() {
        return verified.size();
    }
}
