/*
 * Runs Neo4j Community on 127.0.0.1 for machines without Docker. Prints one "READY bolt://…" line
 * once a query has succeeded, and shuts the database down cleanly on SIGTERM/SIGINT.
 *
 * Without --http-port: the database embedded, with only the Bolt connector (tests, CI).
 * With --http-port N: the Neo4j server itself (CommunityBootstrapper), with its HTTP connector on
 * N serving Neo4j Browser at /browser/ (the neo4j-browser jar on the class path), Bolt reachable
 * from the page (the Bolt connector accepts WebSocket), and --kit DIR served on --kit-port with
 * CORS so that the Browser can :play the project's guide and load its style; the server's
 * browser.post_connect_cmd does both once the Browser connects.
 *
 * Options (all optional): --port N (default 7687), --data DIR (default: a fresh temporary
 * directory, deleted on exit), --page-cache SIZE_MB (default 64), --password P (auth off when
 * absent), --http-port N, --kit DIR, --kit-port N (default http-port + 1), --host H (default
 * 127.0.0.1: loopback only; anything else exposes the database: set --password first).
 */
package commitmentgraph;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.neo4j.server.CommunityBootstrapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public final class Neo4jLocal {
    private static String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path data = null;
        long pageCacheMb = 64;
        String password = null;
        int httpPort = 0;
        Path kit = null;
        int kitPort = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) fail("option " + flag + " needs a value");
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = parsePort(value);
                case "--data" -> data = Path.of(value).toAbsolutePath();
                case "--page-cache" -> pageCacheMb = Long.parseLong(value);
                case "--password" -> password = value;
                case "--http-port" -> httpPort = parsePort(value);
                case "--kit" -> kit = Path.of(value).toAbsolutePath();
                case "--kit-port" -> kitPort = parsePort(value);
                case "--host" -> HOST = value;
                default -> fail("unknown option " + flag + " (use --port, --data, --page-cache, --password, --http-port, --kit, --kit-port, --host)");
            }
        }
        ensurePortFree(port);
        if (httpPort > 0) {
            if (kitPort == 0) kitPort = httpPort + 1;
            ensurePortFree(httpPort);
            if (kit != null) ensurePortFree(kitPort);
        }

        boolean temporary = data == null;
        Path home = temporary ? Files.createTempDirectory("neo4j-local-") : data;
        Files.createDirectories(home);

        long started = System.nanoTime();
        if (httpPort > 0) {
            runServer(home, temporary, port, httpPort, kit, kitPort, pageCacheMb, password, started);
            return;
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            dbms.shutdown();
            if (temporary) deleteQuietly(home);
            System.out.println("STOPPED");
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (password != null) {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED",
                    java.util.Map.of("p", password));
        }
        db.executeTransactionally("RETURN 1");
        waitForBolt(port);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("READY bolt://" + HOST + ":" + port + " home=" + home + " startup_ms=" + millis);
        System.out.flush();
        stopped.await();
    }

    /** The Neo4j server with Neo4j Browser, and the project's kit beside it. */
    private static void runServer(Path home, boolean temporary, int port, int httpPort, Path kit, int kitPort,
                                  long pageCacheMb, String password, long started) throws Exception {
        String kitUrl = "http://" + HOST + ":" + kitPort;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.default_listen_address", HOST);
        config.put("server.default_advertised_address", HOST);
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", HOST + ":" + port);
        config.put("server.bolt.advertised_address", HOST + ":" + port);
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("server.http.enabled", "true");
        config.put("server.http.listen_address", HOST + ":" + httpPort);
        config.put("server.http.advertised_address", HOST + ":" + httpPort);
        config.put("server.https.enabled", "false");
        config.put("dbms.security.auth_enabled", String.valueOf(password != null));
        config.put("server.memory.pagecache.size", pageCacheMb + "m");
        config.put("db.tx_log.preallocate", "false");
        // Offline machines: no telemetry from the Browser.
        config.put("client.allow_telemetry", "false");
        config.put("server.directories.data", home.resolve("data").toString());
        config.put("server.directories.logs", home.resolve("logs").toString());
        config.put("server.directories.plugins", home.resolve("plugins").toString());
        config.put("server.directories.import", home.resolve("import").toString());
        if (kit != null) {
            // Browser fetches guides and styles only from allowed hosts (the 5.26 setting keeps its old name,
            // remote_content_hostname_whitelist); ours serves them with CORS.
            config.put("browser.remote_content_hostname_whitelist", HOST + ":" + kitPort + "," + HOST);
            config.put("browser.post_connect_cmd", "style " + kitUrl + "/style.grass; play " + kitUrl + "/guide.html");
        }
        CommunityBootstrapper server = new CommunityBootstrapper();
        int status = server.start(home, config);
        if (status != 0) fail("the Neo4j server did not start (status " + status + "); see " + home.resolve("logs"));
        HttpServer kitServer = kit == null ? null : serveKit(kit, kitPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            if (kitServer != null) kitServer.stop(0);
            server.stop();
            if (temporary) deleteQuietly(home);
            System.out.println("STOPPED");
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        DatabaseManagementService dbms = server.getDatabaseManagementService();
        if (password != null) {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", java.util.Map.of("p", password));
        }
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        waitForBolt(port);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("READY bolt://" + HOST + ":" + port + " home=" + home + " startup_ms=" + millis
                + " browser=http://" + HOST + ":" + httpPort + "/browser/" + (kit == null ? "" : " kit=" + kitUrl));
        System.out.flush();
        stopped.await();
    }

    /** The project's Browser kit (guide, style, saved queries) as static files, with CORS for the Browser's origin. */
    private static HttpServer serveKit(Path root, int kitPort) throws IOException {
        HttpServer kitServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), kitPort), 16);
        kitServer.createContext("/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
                Path file = root.resolve(name).normalize();
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    // The Browser's fetch sends headers of its own: a preflight asks whether they may go.
                    String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
                    exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                    if (asked != null) exchange.getResponseHeaders().add("Access-Control-Allow-Headers", asked);
                    exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
                    exchange.sendResponseHeaders(204, -1);
                } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    send(exchange, 405, "text/plain", "GET only");
                } else if (name.isEmpty() || !file.startsWith(root) || !Files.isRegularFile(file)) {
                    send(exchange, 404, "text/plain", "not in the kit: /" + name);
                } else {
                    String type = name.endsWith(".html") ? "text/html" : name.endsWith(".json") ? "application/json" : "text/plain";
                    send(exchange, 200, type, Files.readString(file));
                }
            }
        });
        kitServer.start();
        return kitServer;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) fail("--port must be 1..65535, got " + value);
            return port;
        } catch (NumberFormatException e) {
            fail("--port must be a number, got " + value);
            return -1;
        }
    }

    private static void ensurePortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            fail("port " + HOST + ":" + port + " is taken (" + e.getMessage()
                    + "); stop what listens there or pass --port");
        }
    }

    private static void waitForBolt(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket(HOST, port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        fail("Bolt did not open on " + HOST + ":" + port);
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }

    private static void fail(String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(2);
    }
}
