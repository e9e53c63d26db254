package org.ntpclock.benchmarks;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.ntpclock.codec.server.AddressBits;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's per-packet work without sockets: a 48-byte client request (the golden v4 request
 * with random transmit timestamps) and its receive timestamp in, a 48-byte reply written into the
 * caller's direct buffer, as {@code NtpServer}'s workers do. The system clock is the time source
 * in every variant, so each pays for reading it.
 *
 * <ul>
 *   <li>{@code ours}: {@link NtpResponder} with its defaults (full request checks, all clients
 *       allowed, no rate limiting);
 *   <li>{@code oursFixedStatus}: the same over the same clock with a status that is a field read
 *       (see the method);
 *   <li>{@code oursRateLimited}: the same with a {@link RateLimiter} whose limits the benchmark
 *       cannot trip, to show the cost of the per-client table;
 *   <li>{@code floor}: length, mode and version checks, then the reply written field by field from
 *       a published status snapshot (one volatile read) and one clock read.
 * </ul>
 *
 * <p>Commons Net ships no server (its {@code SimpleNTPServer} is an example outside the jar), so
 * there is no peer column.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponderBenchmark {
  ByteBuffer[] requests;
  long[] receiveBits;
  final ByteBuffer response = ByteBuffer.allocateDirect(NtpResponder.MAX_REQUEST_LENGTH);
  TimeSource clock;
  /** The floor's published status: one volatile read per packet, as a real server would do. */
  volatile TimeSourceStatus status;
  NtpResponder responder;
  NtpResponder limited;
  NtpResponder fixedStatus;
  long clientHigh;
  long clientLow;
  private int cursor;

  /** Builds the requests and responders. */
  @Setup
  public void setUp() {
    requests = Packets.direct(Packets.clientRequests());
    receiveBits = Inputs.ntpBits();
    clock = SystemTimeSource.create();
    status = clock.status();
    responder = NtpResponder.builder(clock).build();
    limited = NtpResponder.builder(clock)
        .rateLimiter(RateLimiter.builder().interval(RateLimiter.MIN_INTERVAL).burst(255).build())
        .build();
    // The same clock object, but a status that is read from a field instead of being refreshed.
    TimeSource system = clock;
    TimeSourceStatus fixed = status;
    fixedStatus = NtpResponder.builder(new TimeSource() {
      @Override
      public long nowBits() {
        return system.nowBits();
      }

      @Override
      public TimeSourceStatus status() {
        return fixed;
      }
    }).build();
    InetAddress client = InetAddress.getLoopbackAddress();
    clientHigh = AddressBits.high(client);
    clientLow = AddressBits.low(client);
  }

  int next() {
    return cursor++ & Inputs.MASK;
  }

  /**
   * ntpclock {@link NtpResponder}, defaults.
   *
   * @return the verdict (the reply is in {@link #response})
   */
  @Benchmark
  public Verdict ours() {
    int i = next();
    response.clear();
    return responder.respond(requests[i], receiveBits[i], clientHigh, clientLow, response);
  }

  /**
   * ntpclock {@link NtpResponder}, defaults, over the same system clock but with a status that is a
   * plain field read: {@link SystemTimeSource#status()} checks the monotonic clock on every call to
   * keep its reference time current, so this variant shows what that costs per packet.
   *
   * @return the verdict
   */
  @Benchmark
  public Verdict oursFixedStatus() {
    int i = next();
    response.clear();
    return fixedStatus.respond(requests[i], receiveBits[i], clientHigh, clientLow, response);
  }

  /**
   * ntpclock {@link NtpResponder} with rate limiting on (not tripped).
   *
   * @return the verdict
   */
  @Benchmark
  public Verdict oursRateLimited() {
    int i = next();
    response.clear();
    return limited.respond(requests[i], receiveBits[i], clientHigh, clientLow, response);
  }

  /**
   * Reference: one read of the system clock as raw NTP bits, which every variant pays at least
   * once per packet (for the transmit timestamp).
   *
   * @return the clock reading
   */
  @Benchmark
  public long clockRead() {
    return clock.nowBits();
  }

  /**
   * Hand-written floor.
   *
   * @return 1 when a reply was written, 0 when dropped
   */
  @Benchmark
  public int floor() {
    int i = next();
    response.clear();
    return Floor.respond(requests[i], receiveBits[i], status, clock, response);
  }
}
