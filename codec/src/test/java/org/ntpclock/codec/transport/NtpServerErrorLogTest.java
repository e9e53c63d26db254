package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntpclock.codec.server.FakeTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.testing.LogCapture;

/**
 * A worker's errors reach {@link System.Logger} with their exception, a flood of them only up to
 * the rate limit, and the error listener every one. The platform loggers route to
 * java.util.logging by default, where the test listens. Both transports, the FFM one where it is
 * available (JDK 22+ on Linux); the time source that throws fails each datagram on either.
 */
class NtpServerErrorLogTest {
  private static final int FLOOD = 60;

  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(60)
  void workerErrorsAreLoggedWithTheirExceptionAndAFloodIsRateLimited(Transport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " transport unavailable here: " + transport.unavailableReason());
    IllegalStateException unreadable = new IllegalStateException("RTC unreadable");
    TimeSource broken = new TimeSource() {
      @Override
      public long nowBits() {
        throw unreadable;
      }

      @Override
      public TimeSourceStatus status() {
        return FakeTimeSource.STRATUM_2;
      }
    };
    CountDownLatch allReported = new CountDownLatch(FLOOD);
    List<Throwable> heard = new CopyOnWriteArrayList<>();
    List<ServerErrorListener.Kind> kinds = new CopyOnWriteArrayList<>();
    try (LogCapture log = LogCapture.of(NtpServer.class.getName(), Level.INFO);
        NtpServer server = NtpServer.builder(broken).port(0).workers(1).transport(transport)
        // The rate limit's clock stands still: however slow the machine, no token comes back.
        .errorLogTicker(() -> 0L)
        .errorListener((address, kind, error) -> {
          heard.add(error);
          kinds.add(kind);
          allReported.countDown();
        }).start();
        DatagramSocket socket = new DatagramSocket()) {
      InetSocketAddress address = server.localAddress();
      byte[] request = new byte[48];
      request[0] = 0x23;
      for (int i = 0; i < FLOOD; i++) {
        socket.send(new DatagramPacket(request, 48, address));
        // One at a time, so no datagram is lost to a full receive buffer: wait for its report.
        while (allReported.getCount() > FLOOD - i - 1) {
          Thread.sleep(1);
        }
      }
      allReported.await();
      assertThat(server.transport()).isEqualTo(transport);
      assertThat(server.stats().internalErrors()).isEqualTo(FLOOD);
      assertThat(heard).hasSize(FLOOD).allSatisfy(e -> assertThat(e).isSameAs(unreadable));
      assertThat(kinds).containsOnly(ServerErrorListener.Kind.INTERNAL);

      assertThat(log.records()).hasSize(NtpServer.ERROR_LOG_BURST);
      assertThat(log.records()).allSatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getThrown()).isSameAs(unreadable);
        assertThat(r.getMessage()).contains("NTP server " + address, "internal error", "RTC unreadable");
      });
    }
  }
}
