package org.candor.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

class CachingJWTCallerPrincipalFactoryTest {

    private static final String ISSUER = "https://candor.test/issuer";
    private static final KeyPair KEYS = keyPair();
    private static final KeyPair OTHER_KEYS = keyPair();

    /** Counts the full verifications the cache leaves to the default factory. */
    private static final class CountingFactory extends JWTCallerPrincipalFactory {
        final AtomicInteger verifications = new AtomicInteger();
        private final DefaultJWTCallerPrincipalFactory real = new DefaultJWTCallerPrincipalFactory();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
            verifications.incrementAndGet();
            return real.parse(token, context);
        }
    }

    private final CountingFactory counting = new CountingFactory();
    private final JWTAuthContextInfo context = context(KEYS);

    @Test
    void verifiesATokenOnceWhileItIsValid() throws Exception {
        CachingJWTCallerPrincipalFactory factory = factory(System::currentTimeMillis, 100);
        String token = token(KEYS, "agent-1", nowSeconds() + 600);

        JWTCallerPrincipal first = factory.parse(token, context);
        JWTCallerPrincipal second = factory.parse(token, context);

        assertThat(second).isSameAs(first);
        assertThat(second.getGroups()).containsExactly("support-agent");
        assertThat(counting.verifications).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItWasAcceptedAndRememberedBefore() throws Exception {
        CachingJWTCallerPrincipalFactory factory = factory(System::currentTimeMillis, 100);
        long expiresAt = nowSeconds() + 2;
        String token = token(KEYS, "agent-1", expiresAt);
        assertThat(factory.parse(token, context).getName()).isEqualTo("agent-1");
        assertThat(factory.size()).isEqualTo(1);

        // Real time has to pass: the default factory judges expiry by the system clock.
        while (System.currentTimeMillis() < expiresAt * 1000 + 1100) {
            Thread.sleep(100);
        }

        assertThatThrownBy(() -> factory.parse(token, context)).isInstanceOf(ParseException.class);
        assertThat(counting.verifications).hasValue(2);
    }

    @Test
    void anEntryIsNotUsedPastTheTokensExpiry() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        CachingJWTCallerPrincipalFactory factory = factory(clock::get, 100);
        long expiresAt = nowSeconds() + 600;
        String token = token(KEYS, "agent-1", expiresAt);
        factory.parse(token, context);
        factory.parse(token, context);
        assertThat(counting.verifications).hasValue(1);

        clock.set(expiresAt * 1000);
        factory.parse(token, context);

        assertThat(counting.verifications).as("verified again once the entry reached exp").hasValue(2);
    }

    @Test
    void anEntryIsNotKeptLongerThanTheConfiguredMaximumAge() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        CachingJWTCallerPrincipalFactory factory = new CachingJWTCallerPrincipalFactory(counting, clock::get, 100,
                Duration.ofSeconds(30));
        String token = token(KEYS, "agent-1", nowSeconds() + 3600);
        factory.parse(token, context);
        clock.addAndGet(29_000);
        factory.parse(token, context);
        assertThat(counting.verifications).hasValue(1);

        clock.addAndGet(1_000);
        factory.parse(token, context);

        assertThat(counting.verifications).hasValue(2);
    }

    @Test
    void aTamperedTokenIsRefusedWhileTheGenuineOneIsRemembered() throws Exception {
        CachingJWTCallerPrincipalFactory factory = factory(System::currentTimeMillis, 100);
        String token = token(KEYS, "agent-1", nowSeconds() + 600);
        factory.parse(token, context);
        String[] parts = token.split("\\.");

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = payload.replace("\"support-agent\"", "\"support-supervisor\"");
        assertThat(elevated).isNotEqualTo(payload);
        String tamperedClaims = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        char last = parts[2].charAt(parts[2].length() - 2);
        String tamperedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);

        assertThatThrownBy(() -> factory.parse(tamperedClaims, context)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> factory.parse(tamperedSignature, context)).isInstanceOf(ParseException.class);
        assertThat(factory.parse(token, context).getGroups()).containsExactly("support-agent");
        assertThat(factory.size()).isEqualTo(1);
    }

    @Test
    void aTokenRememberedForOneVerificationKeyIsCheckedAgainstAnother() throws Exception {
        CachingJWTCallerPrincipalFactory factory = factory(System::currentTimeMillis, 100);
        String token = token(KEYS, "agent-1", nowSeconds() + 600);
        factory.parse(token, context);

        assertThatThrownBy(() -> factory.parse(token, context(OTHER_KEYS))).isInstanceOf(ParseException.class);
    }

    @Test
    void holdsNoMoreThanItsLimitAndStillVerifiesTheRest() throws Exception {
        CachingJWTCallerPrincipalFactory factory = factory(System::currentTimeMillis, 2);
        List<String> tokens = List.of(token(KEYS, "a", nowSeconds() + 600), token(KEYS, "b", nowSeconds() + 600),
                token(KEYS, "c", nowSeconds() + 600));
        for (String token : tokens) {
            factory.parse(token, context);
        }
        assertThat(factory.size()).isEqualTo(2);

        assertThat(factory.parse(tokens.get(2), context).getName()).isEqualTo("c");
        assertThat(counting.verifications).hasValue(4);
    }

    private CachingJWTCallerPrincipalFactory factory(java.util.function.LongSupplier clock, int maxEntries) {
        return new CachingJWTCallerPrincipalFactory(counting, clock, maxEntries, Duration.ofMinutes(5));
    }

    private static JWTAuthContextInfo context(KeyPair keys) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        context.setClockSkew(0);
        return context;
    }

    private static String token(KeyPair keys, String subject, long expiresAtSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", "support-agent");
        claims.setIssuedAt(NumericDate.fromSeconds(nowSeconds() - 1));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAtSeconds));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
