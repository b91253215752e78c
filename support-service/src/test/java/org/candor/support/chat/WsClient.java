package org.candor.support.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.restassured.path.json.JsonPath;

/** A real WebSocket client (the JDK's) that keeps every frame it receives, for tests. */
public final class WsClient implements AutoCloseable {

    private final WebSocket socket;
    private final List<JsonPath> frames = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CompletableFuture<Integer> closedWith = new java.util.concurrent.CompletableFuture<>();

    private WsClient(URI uri, Map<String, String> headers, List<String> subprotocols) throws Exception {
        StringBuilder partial = new StringBuilder();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(new JsonPath(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closedWith.complete(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Connects with extra handshake headers (e.g. Authorization) and offered subprotocols. */
    public static WsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) throws Exception {
        return new WsClient(URI.create(uri.toString().replaceFirst("^http", "ws")), headers, subprotocols);
    }

    /** The HTTP status with which the server refused the opening handshake. */
    public static int refusedStatus(URI uri, Map<String, String> headers) throws Exception {
        try (WsClient unexpected = connect(uri, headers, List.of())) {
            throw new AssertionError("The handshake was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The subprotocol the server selected, or an empty string. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Connects to {@code uri}; an http(s) address is taken as the ws(s) one of the same server. */
    public static WsClient connect(URI uri) throws Exception {
        return connect(uri, Map.of(), List.of());
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** How many frames have arrived: pass it to {@link #awaitAfter} to look only at later ones. */
    public int mark() {
        return frames.size();
    }

    /** The first frame received so far or within {@code timeout} that matches. */
    public JsonPath await(Predicate<JsonPath> match, Duration timeout) {
        return awaitAfter(0, match, timeout);
    }

    /** The first matching frame among those that arrived after {@code mark}. */
    public JsonPath awaitAfter(int mark, Predicate<JsonPath> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (int i = mark; i < frames.size(); i++) {
                if (match.test(frames.get(i))) {
                    return frames.get(i);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("No matching frame within " + timeout + "; received " + frames.stream()
                .map(JsonPath::prettify).toList());
    }

    public JsonPath await(String type, Duration timeout) {
        return await(frame -> type.equals(frame.getString("type")), timeout);
    }

    /** Every frame received so far, for assertion messages. */
    public java.util.List<String> received() {
        return frames.stream().map(JsonPath::prettify).toList();
    }

    /** The most recent frame of {@code type} so far, or null: the current state when the server pushes changes. */
    public JsonPath latest(String type) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (type.equals(frames.get(i).getString("type"))) {
                return frames.get(i);
            }
        }
        return null;
    }

    public boolean received(Predicate<JsonPath> match) {
        return frames.stream().anyMatch(match);
    }

    /** Completes with the status code when the server closes the connection. */
    public java.util.concurrent.CompletableFuture<Integer> closedByServer() {
        return closedWith;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
