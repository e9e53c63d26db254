package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/**
 * {@link SntpClient} against {@link NtpServer} for every pair of client and server transports on
 * one machine: each side's receive stamp (user space or kernel) must keep the server's T3 - T2
 * inside the client's T4 - T1, or the client rejects the reply. On JDK 17 only the JDK channel
 * pair runs; on JDK 22+ on Linux all four.
 */
class TransportPairTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A sanity bound for an offset between two clocks of one machine, not an accuracy target. */
  private static final Duration SANE = Duration.ofMillis(50);

  static List<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (Transport client : Transport.values()) {
      for (Transport server : Transport.values()) {
        pairs.add(Arguments.of(client, server));
      }
    }
    return pairs;
  }

  private static void assumeAvailable(Transport transport) {
    assumeTrue(transport.isAvailable(), transport + " unavailable here: " + transport.unavailableReason());
  }

  private static SntpClient client(Transport transport) {
    return SntpClient.builder(TIMEOUT).retries(0).allowFastPollingForTests().transport(transport).build();
  }

  private static TimeSample sample(ExchangeResult result) {
    assertThat(result).as("the reply passes the client's validation").isInstanceOf(TimeSample.class);
    // A TimeSample's delay is never negative: the round-trip check passed.
    TimeSample sample = (TimeSample) result;
    assertThat(sample.offset().toDuration().abs()).isLessThan(SANE);
    return sample;
  }

  @ParameterizedTest(name = "{0} client, {1} server")
  @MethodSource("pairs")
  @Timeout(60)
  void everyPairOfTransportsExchangesValidSamples(Transport clientTransport, Transport serverTransport)
      throws Exception {
    assumeAvailable(clientTransport);
    assumeAvailable(serverTransport);
    // The anchored system source, as serve and the CLI use it.
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1)
        .transport(serverTransport).start()) {
      assertThat(server.transport()).isEqualTo(serverTransport);
      SntpClient client = client(clientTransport);
      for (int i = 0; i < 20; i++) {
        sample(client.query(server.localAddress()));
      }
    }
  }

  /**
   * The mixed-transport failure, made deterministic: the FFM server's first clock read of a batch
   * takes 50 ms to return (a preemption, a GC pause, an RTC on a slow bus; here a sleep after the
   * reading). The kernel stamp is carried to the served clock by the datagram's age, and an age
   * measured on the kernel's clock after that read made T2 50 ms earlier than the arrival,
   * before the client's T1: T3 - T2 exceeded the round trip and every client rejected the reply
   * with {@code SERVER_TIME_EXCEEDS_ROUND_TRIP}. (The mirror case, a read that stalls before
   * reading, is {@link NtpServerTransportTest}'s held worker: T2 must still precede the release.)
   */
  @ParameterizedTest(name = "{0} client")
  @EnumSource(Transport.class)
  @Timeout(60)
  void aSlowClockReadDoesNotPutTheKernelStampedT2BeforeTheArrival(Transport clientTransport) throws Exception {
    assumeAvailable(Transport.FFM);
    assumeAvailable(clientTransport);
    SlowFirstRead source = new SlowFirstRead(SystemTimeSource.create());
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).transport(Transport.FFM).start()) {
      SntpClient client = client(clientTransport);
      for (int i = 0; i < 3; i++) {
        source.delayNextRead(Duration.ofMillis(50));
        TimeSample sample = sample(client.query(server.localAddress()));
        assertThat(source.delayedReads()).isEqualTo(i + 1);
        // The slow read happened between the arrival and the reply: inside T3 - T2.
        assertThat(NtpDuration.between(sample.serverReceive(), sample.serverTransmit()).toDuration())
            .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        System.out.printf("%s client, FFM server, 50 ms clock read: offset %s, delay %s%n",
            clientTransport, sample.offset().toDuration(), sample.delay().toDuration());
      }
    }
  }

  /** A time source whose next read, once armed, returns its reading only after a pause. */
  private static final class SlowFirstRead implements TimeSource {
    private final TimeSource delegate;
    private final AtomicLong pendingDelayNanos = new AtomicLong();
    private final AtomicLong delayedReads = new AtomicLong();

    SlowFirstRead(TimeSource delegate) {
      this.delegate = delegate;
    }

    void delayNextRead(Duration delay) {
      pendingDelayNanos.set(delay.toNanos());
    }

    long delayedReads() {
      return delayedReads.get();
    }

    @Override
    public long nowBits() {
      long bits = delegate.nowBits();
      long delay = pendingDelayNanos.getAndSet(0);
      if (delay > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        delayedReads.incrementAndGet();
      }
      return bits;
    }

    @Override
    public TimeSourceStatus status() {
      return delegate.status();
    }
  }
}
