package org.candor.local.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The SMS gateway of the fan-out benchmark, in a process of its own so that its CPU is counted on
 * its own: a Twilio-shaped {@code POST /2010-04-01/Accounts/{sid}/Messages.json} answered 201 with
 * a message sid, on one Vert.x event loop. It is to SMS what smtp-sink is to email: a real HTTP
 * server that accepts everything and keeps nothing, so that it is not what the benchmark measures
 * (WireMock, which the tests use for its request matching and fault injection, tops out near 2,000
 * requests/s on two cores). Anything else gets 404; a request without a body gets 400.
 *
 * <p>{@code java -cp candor-local.jar org.candor.local.bench.SmsGatewaySink <port>}
 */
public final class SmsGatewaySink {

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/[^/]+/Messages\\.json");

    private SmsGatewaySink() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        AtomicLong accepted = new AtomicLong();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setAcceptBacklog(1024))
                .requestHandler(request -> answer(request, accepted))
                .listen().toCompletionStage().toCompletableFuture().get();
        System.out.println("ready " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("accepted " + accepted.get())));
    }

    private static void answer(HttpServerRequest request, AtomicLong accepted) {
        request.body().onSuccess(body -> {
            if (request.method() != HttpMethod.POST || !MESSAGES.matcher(request.path()).matches()) {
                request.response().setStatusCode(404).end();
            } else if (body.length() == 0) {
                request.response().setStatusCode(400).end();
            } else {
                request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end("{\"sid\":\"SM%032x\",\"status\":\"queued\"}".formatted(accepted.incrementAndGet()));
            }
        });
    }
}
