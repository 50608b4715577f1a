/*
 * Runs Neo4j Community embedded with only the Bolt connector, on 127.0.0.1, for machines
 * without Docker. Prints one "READY bolt://…" line once a query has succeeded, and shuts the
 * database down cleanly on SIGTERM/SIGINT.
 *
 * Options (all optional): --port N (default 7687), --data DIR (default: a fresh temporary
 * directory, deleted on exit), --page-cache SIZE_MB (default 64), --password P (auth off when absent).
 */
package commitmentgraph;

import java.io.IOException;
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
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path data = null;
        long pageCacheMb = 64;
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) fail("option " + flag + " needs a value");
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = parsePort(value);
                case "--data" -> data = Path.of(value).toAbsolutePath();
                case "--page-cache" -> pageCacheMb = Long.parseLong(value);
                case "--password" -> password = value;
                default -> fail("unknown option " + flag + " (use --port, --data, --page-cache, --password)");
            }
        }
        ensurePortFree(port);

        boolean temporary = data == null;
        Path home = temporary ? Files.createTempDirectory("neo4j-local-") : data;
        Files.createDirectories(home);

        long started = System.nanoTime();
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
