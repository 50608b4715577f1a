// CoreNLP's server has no host option: it binds every interface. Named as the JDK's
// HttpServerProvider (-Dcom.sun.net.httpserver.HttpServerProvider=...), this binds a wildcard
// address to the loopback one instead, so the local server answers on 127.0.0.1 only. The JDK's
// own provider does the rest (the JVM needs --add-exports jdk.httpserver/sun.net.httpserver=ALL-UNNAMED).
package commitmentgraph;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

public final class LoopbackHttpServerProvider extends HttpServerProvider {
  private final HttpServerProvider jdk = jdkProvider();

  // By name: the class is not exported, so `javac --release` would refuse it.
  private static HttpServerProvider jdkProvider() {
    try {
      return (HttpServerProvider) Class.forName("sun.net.httpserver.DefaultHttpServerProvider").getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the JDK's HTTP server provider is not reachable", e);
    }
  }

  static InetSocketAddress loopback(InetSocketAddress address) {
    if (address == null || !address.getAddress().isAnyLocalAddress()) return address;
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort());
  }

  @Override
  public HttpServer createHttpServer(InetSocketAddress address, int backlog) throws IOException {
    return jdk.createHttpServer(loopback(address), backlog);
  }

  @Override
  public HttpsServer createHttpsServer(InetSocketAddress address, int backlog) throws IOException {
    return jdk.createHttpsServer(loopback(address), backlog);
  }
}
