package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleToIntFunction;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsMasterKeys;
import org.ntpclock.codec.nts.NtsServerCodec;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.codec.transport.Transport;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.codec.transport.NtsCredentials;
import org.ntpclock.codec.transport.NtsKeServer;
import org.ntpclock.codec.transport.ServerStatsMBean;
import org.ntpclock.core.TimeSource;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplay;

/**
 * The running NTP clock: a time source (normally an RTC), an NTP server and an HTTP server on
 * threads of their own, and optionally a display loop. {@link #close()} stops the HTTP and NTP
 * servers first and the display last, so it shows the time until the end; it may be called
 * twice: Ctrl-C's shutdown hook and the command's own exit path may both call it.
 */
public final class NtpClock implements AutoCloseable {
  /** The well-known NTP port. */
  public static final int NTP_PORT = 123;
  /** The unprivileged port used when 123 cannot be bound. */
  public static final int NTP_FALLBACK_PORT = 12300;
  /** {@link Builder#ntpPort} value meaning "123 if it can be bound, else 12300". */
  public static final int AUTO_PORT = -1;

  private final TimeSource source;
  private final NtpServer ntp;
  private final TimeHttpServer http;
  private final Optional<DisplayLoop> display;
  private final List<AutoCloseable> resources;
  private final Optional<NtsKeServer> ntsKe;
  private boolean closed;

  private NtpClock(TimeSource source, NtpServer ntp, TimeHttpServer http, Optional<DisplayLoop> display,
      List<AutoCloseable> resources, Optional<NtsKeServer> ntsKe) {
    this.source = source;
    this.ntp = ntp;
    this.http = http;
    this.display = display;
    this.resources = resources;
    this.ntsKe = ntsKe;
  }

  /**
   * A builder for a clock serving the given source.
   *
   * @param source the time source, thread-safe
   * @return the builder
   */
  public static Builder builder(TimeSource source) {
    return new Builder(checkNotNull(source, "source"));
  }

  /**
   * The time source the clock serves.
   *
   * @return the source
   */
  public TimeSource source() {
    return source;
  }

  /**
   * The NTP server's bound address.
   *
   * @return the address with the actual port
   */
  public InetSocketAddress ntpAddress() {
    return ntp.localAddress();
  }

  /**
   * The NTP server, for its statistics.
   *
   * @return the server
   */
  public NtpServer ntpServer() {
    return ntp;
  }

  /**
   * The NTS-KE server, when the clock serves NTS.
   *
   * @return the server, or empty
   */
  public Optional<NtsKeServer> ntsKeServer() {
    return ntsKe;
  }

  /**
   * The HTTP server's bound address.
   *
   * @return the address with the actual port
   */
  public InetSocketAddress httpAddress() {
    return http.address();
  }

  /**
   * The display loop, if a display was configured.
   *
   * @return the loop
   */
  public Optional<DisplayLoop> display() {
    return display;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest: one failed close must not leave sockets or threads behind.
      }
    }
  }

  /** Configures and starts a {@link NtpClock}. */
  public static final class Builder {
    private final TimeSource source;
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private int ntpPort = AUTO_PORT;
    private int httpPort = 8080;
    private KeyStore keys;
    private NtsCredentials ntsCredentials;
    private int ntsPort;
    private RateLimiter rateLimiter;
    private TimeFields fields = TimeFields.create();
    private ClockDisplay clockDisplay;
    private AmbientLightSensor light;
    private DoubleToIntFunction dimming = light -> 0;
    private ZoneId zone = ZoneId.systemDefault();
    private Runnable afterDisplayUpdate = () -> {};
    private final List<AutoCloseable> extra = new ArrayList<>();
    private Transport transport;

    private Builder(TimeSource source) {
      this.source = source;
    }

    /**
     * Sets the address both servers listen on (default loopback).
     *
     * @param address the address
     * @return this builder
     */
    public Builder bind(InetAddress address) {
      this.bind = checkNotNull(address, "address");
      return this;
    }

    /**
     * Sets the NTP port: 0 for any free port, {@link #AUTO_PORT} (the default) for 123 if it can
     * be bound, else 12300.
     *
     * @param port -1..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder ntpPort(int port) {
      checkArgument(port >= AUTO_PORT && port <= 65535, "NTP port out of range: %s", port);
      this.ntpPort = port;
      return this;
    }

    /**
     * Sets the HTTP port (default 8080; 0 for any free port).
     *
     * @param port 0..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder httpPort(int port) {
      checkArgument(port >= 0 && port <= 65535, "HTTP port out of range: %s", port);
      this.httpPort = port;
      return this;
    }

    /**
     * Serves Network Time Security (RFC 8915): an NTS-KE server on the same address, TLS 1.3 with
     * these credentials, and NTS-protected replies from the NTP server (default off).
     *
     * @param credentials the certificate chain and key
     * @param port the NTS-KE TCP port (4460 is the standard one; 0 picks a free one)
     * @return this builder
     */
    public Builder nts(NtsCredentials credentials, int port) {
      checkArgument(port >= 0 && port <= 65535, "NTS-KE port out of range 0..65535: %s", port);
      this.ntsCredentials = checkNotNull(credentials, "credentials");
      this.ntsPort = port;
      return this;
    }

    /**
     * Sets the keys for authenticated requests (default none).
     *
     * @param keys the keys, or null
     * @return this builder
     */
    public Builder keys(KeyStore keys) {
      this.keys = keys;
      return this;
    }

    /**
     * Sets a per-client rate limiter (default none, as chrony).
     *
     * @param limiter the limiter, or null
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = limiter;
      return this;
    }

    /**
     * Sets how the HTTP server formats readings (default: the bundled leap table).
     *
     * @param fields the fields
     * @return this builder
     */
    public Builder fields(TimeFields fields) {
      this.fields = checkNotNull(fields, "fields");
      return this;
    }

    /**
     * Adds a display, with an optional light sensor for dimming.
     *
     * @param display the display
     * @param light the sensor, or null
     * @param dimming maps a light reading (0.0 .. 1.0) to a brightness step, once a second
     * @param afterUpdate called after each display update (for a terminal redraw)
     * @return this builder
     */
    public Builder display(ClockDisplay display, AmbientLightSensor light, DoubleToIntFunction dimming, Runnable afterUpdate) {
      this.clockDisplay = checkNotNull(display, "display");
      this.light = light;
      this.dimming = checkNotNull(dimming, "dimming");
      this.afterDisplayUpdate = checkNotNull(afterUpdate, "afterUpdate");
      return this;
    }

    /**
     * Chooses the NTP server's transport (default: automatic, the FFM transport with kernel receive
     * timestamps where available).
     *
     * @param transport the transport, or null for the automatic choice
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    /**
     * Sets the zone of the time of day the display shows (default the system zone).
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = checkNotNull(zone, "zone");
      return this;
    }

    /**
     * Hands over something to close with the clock, after the servers and the display (an RTC and
     * the scheduler that refreshes it).
     *
     * @param resource the resource
     * @return this builder
     */
    public Builder closing(AutoCloseable resource) {
      extra.add(checkNotNull(resource, "resource"));
      return this;
    }

    /**
     * Starts the NTP and HTTP servers, then the display loop (which needs neither: it only reads
     * the time source).
     *
     * @return the running clock
     * @throws UncheckedIOException if a port cannot be bound; everything started is closed again
     */
    public NtpClock start() {
      checkState(clockDisplay != null || light == null, "a light sensor needs a display");
      List<AutoCloseable> resources = new ArrayList<>(extra);
      try {
        NtpResponder.Builder responder = NtpResponder.builder(source);
        if (keys != null) {
          responder.keys(keys);
        }
        if (rateLimiter != null) {
          responder.rateLimiter(rateLimiter);
        }
        // NTS: the NTS-KE server seals cookies under master keys the responder opens them with.
        NtsMasterKeys masterKeys = ntsCredentials == null ? null
            : NtsMasterKeys.create(InstantSource.system(), NtsMasterKeys.DEFAULT_ROTATION, NtsMasterKeys.DEFAULT_RETAINED);
        if (masterKeys != null) {
          responder.nts(new NtsServerCodec(masterKeys, new SecureRandom()));
        }
        NtpServer ntp = startNtp(responder.build());
        resources.add(ntp);
        NtsKeServer ntsKe = null;
        if (masterKeys != null) {
          try {
            ntsKe = NtsKeServer.builder(ntsCredentials, masterKeys).address(ntp.localAddress().getAddress()).port(ntsPort)
                .ntpPort(ntp.localAddress().getPort()).start();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot bind NTS-KE on tcp port " + ntsPort + ": " + e.getMessage(), e);
          } catch (NtsException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
          resources.add(ntsKe);
        }
        registerMBean(ntp).ifPresent(resources::add);
        TimeHttpServer http = startHttp();
        resources.add(http);
        http.addMetrics(ClockMetrics.create(ntp::stats, source, Clock.systemUTC()));
        Optional<DisplayLoop> loop = Optional.empty();
        if (clockDisplay != null) {
          loop = Optional.of(DisplayLoop.start(source, clockDisplay, Optional.ofNullable(light), dimming, zone,
              afterDisplayUpdate));
          // Closed after the servers (resources close in reverse), so it shows the time to the end.
          resources.add(extra.size(), loop.get());
        }
        return new NtpClock(source, ntp, http, loop, resources, Optional.ofNullable(ntsKe));
      } catch (RuntimeException e) {
        closeAll(resources);
        throw e;
      }
    }

    /** The server's counters over JMX; a name already taken (another server on that port) is logged, not fatal. */
    private static Optional<ServerStatsMBean> registerMBean(NtpServer ntp) {
      try {
        return Optional.of(ServerStatsMBean.register(ntp.localAddress(), ntp::stats));
      } catch (IllegalStateException e) {
        System.getLogger(NtpClock.class.getName()).log(System.Logger.Level.WARNING,
            "NTP statistics not published over JMX: " + e.getMessage());
        return Optional.empty();
      }
    }

    private NtpServer startNtp(NtpResponder responder) {
      if (ntpPort != AUTO_PORT) {
        return bindNtp(responder, ntpPort);
      }
      try {
        return bindNtp(responder, NTP_PORT);
      } catch (UncheckedIOException e) {
        return bindNtp(responder, NTP_FALLBACK_PORT);
      }
    }

    private NtpServer bindNtp(NtpResponder responder, int port) {
      try {
        // No SO_REUSEPORT, so no other server can join the port later, and so the workers share
        // one socket. The FFM transport's two workers do that at no cost to T2 (the kernel's
        // stamp); JDK channel workers would hand the channel's lock to each other before the
        // woken one reads T2, so that transport runs one (benchmarks/README.md, cause 6).
        Transport chosen = transport != null ? transport : Transport.best();
        NtpServer.Builder server = NtpServer.builder(responder).bindAddress(bind).port(port)
            .workers(chosen == Transport.FFM ? 2 : 1).reusePort(false).transport(chosen);
        return server.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind NTP port " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
      }
    }

    private TimeHttpServer startHttp() {
      InetSocketAddress address = new InetSocketAddress(bind, httpPort);
      try {
        return TimeHttpServer.start(address, source, fields);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind HTTP port " + bind.getHostAddress() + ":" + httpPort + ": " + e.getMessage(), e);
      }
    }
  }
}
