package org.ntpclock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands each test method (or lifecycle method) that declares a {@link
 * FakeNtpServer} parameter a fresh server on loopback, and closes it when that method's scope ends.
 *
 * <pre>{@code
 * @ExtendWith(FakeNtpServerExtension.class)
 * class MyClientTest {
 *   @Test
 *   void honoursRateKiss(FakeNtpServer server) throws Exception {
 *     server.enqueue(FakeReply.kissOfDeath("RATE"));
 *     ... query server.address() and assert on the result and on server.requests() ...
 *   }
 * }
 * }</pre>
 *
 * <p>Two parameters of the type in one method get two servers.
 */
public final class FakeNtpServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeNtpServerExtension.class);

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public FakeNtpServerExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeNtpServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeNtpServer server;
    try {
      server = FakeNtpServer.start();
    } catch (IOException e) {
      throw new ParameterResolutionException("cannot start a fake NTP server on loopback", e);
    }
    context.getStore(NAMESPACE).put(new Object(), new Closer(server));
    return server;
  }

  /** Closes the server when JUnit closes the store of the method's scope. */
  private static final class Closer implements ExtensionContext.Store.CloseableResource {
    private final FakeNtpServer server;

    Closer(FakeNtpServer server) {
      this.server = server;
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (UncheckedIOException e) {
        throw new IllegalStateException(server + " failed while the test ran", e);
      }
    }
  }
}
