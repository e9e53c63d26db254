package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Publishes a server's {@link ServerStats} over JMX as a {@link ServerStatsMXBean} named
 * {@code org.ntpclock:type=NtpServer,port=PORT}, so jconsole, VisualVM, a JMX exporter or
 * {@link ManagementFactory#getPlatformMBeanServer()} callers see the counters without polling
 * code of their own. {@link #close()} unregisters it.
 *
 * <pre>{@code
 * try (NtpServer server = NtpServer.builder(source).port(12300).start();
 *      ServerStatsMBean mbean = ServerStatsMBean.register(server.localAddress(), server::stats)) {
 *   ...
 * }
 * }</pre>
 */
public final class ServerStatsMBean implements ServerStatsMXBean, AutoCloseable {
  /** The JMX domain the servers are registered under. */
  public static final String DOMAIN = "org.ntpclock";

  private final InetSocketAddress address;
  private final Supplier<ServerStats> stats;
  private final MBeanServer mbeanServer;
  private final ObjectName name;
  private boolean registered;

  private ServerStatsMBean(InetSocketAddress address, Supplier<ServerStats> stats, MBeanServer mbeanServer,
      ObjectName name) {
    this.address = address;
    this.stats = stats;
    this.mbeanServer = mbeanServer;
    this.name = name;
  }

  /**
   * Registers a server's counters with the platform MBean server.
   *
   * @param address the server's bound address (its port names the MBean)
   * @param stats reads a fresh snapshot of the counters, from any thread
   * @return the registration; close it when the server stops
   * @throws IllegalStateException if a server on that port is already registered
   */
  public static ServerStatsMBean register(InetSocketAddress address, Supplier<ServerStats> stats) {
    return register(ManagementFactory.getPlatformMBeanServer(), address, stats);
  }

  /**
   * Registers a server's counters with the given MBean server.
   *
   * @param mbeanServer where to register
   * @param address the server's bound address (its port names the MBean)
   * @param stats reads a fresh snapshot of the counters, from any thread
   * @return the registration; close it when the server stops
   * @throws IllegalStateException if a server on that port is already registered
   */
  public static ServerStatsMBean register(MBeanServer mbeanServer, InetSocketAddress address,
      Supplier<ServerStats> stats) {
    checkNotNull(mbeanServer, "mbeanServer");
    checkNotNull(address, "address");
    checkNotNull(stats, "stats");
    ObjectName name = objectName(address.getPort());
    ServerStatsMBean bean = new ServerStatsMBean(address, stats, mbeanServer, name);
    try {
      mbeanServer.registerMBean(bean, name);
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException("an NTP server is already registered as " + name, e);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register " + name + ": " + e.getMessage(), e);
    }
    bean.registered = true;
    return bean;
  }

  /**
   * The name a server on a port is registered under.
   *
   * @param port 0..65535
   * @return {@code org.ntpclock:type=NtpServer,port=PORT}
   * @throws IllegalArgumentException if the port is out of range
   */
  public static ObjectName objectName(int port) {
    checkArgument(port >= 0 && port <= 65535, "port out of range 0..65535: %s", port);
    try {
      return new ObjectName(DOMAIN + ":type=NtpServer,port=" + port);
    } catch (MalformedObjectNameException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The name this registration holds.
   *
   * @return the object name
   */
  public ObjectName name() {
    return name;
  }

  @Override
  public String getLocalAddress() {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  @Override
  public long getReceived() {
    return stats.get().received();
  }

  @Override
  public long getAnswered() {
    return stats.get().answered();
  }

  @Override
  public long getDropped() {
    return stats.get().dropped();
  }

  @Override
  public long getRateLimited() {
    return stats.get().rateLimited();
  }

  @Override
  public long getSendErrors() {
    return stats.get().sendErrors();
  }

  @Override
  public long getReceiveErrors() {
    return stats.get().receiveErrors();
  }

  @Override
  public long getInternalErrors() {
    return stats.get().internalErrors();
  }

  @Override
  public Map<String, Long> getVerdicts() {
    Map<String, Long> out = new LinkedHashMap<>();
    stats.get().verdicts().forEach((verdict, count) -> out.put(verdict.name(), count));
    return out;
  }

  /** Unregisters the MBean; idempotent. */
  @Override
  public synchronized void close() {
    if (!registered) {
      return;
    }
    registered = false;
    try {
      mbeanServer.unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // Someone else unregistered it: the goal is reached.
    } catch (JMException e) {
      throw new IllegalStateException("cannot unregister " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ServerStatsMBean{" + name + "}";
  }
}
