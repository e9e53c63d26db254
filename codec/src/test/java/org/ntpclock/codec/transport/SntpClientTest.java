package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.client.ClientExchangeTest;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.ExchangeSettings;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.Selection;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.testing.ClosedPort;

/** {@link SntpClient} against fake UDP servers on loopback: polling rules, KoD handling, addresses. */
class SntpClientTest {
  private static final long SECOND = 1L << 32;
  /**
   * A reply on loopback comes within this, however loaded the machine (a sanity bound, not a
   * latency target); a request that must go unanswered costs this much waiting.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A well-behaved server: the system clock, exact. */
  static List<FakeUdpServer.Reply> good(ByteBuffer request, int n) {
    Instant now = Instant.now();
    long t = NtpTimestamp.bitsOf(now.getEpochSecond(), now.getNano());
    ByteBuffer b = ByteBuffer.allocate(48);
    b.put(0, (byte) 0x24).put(1, (byte) 2).put(2, (byte) 0).put(3, (byte) -20).putInt(12, 0xC000_0201);
    b.putLong(16, t - 16 * SECOND).putLong(24, request.getLong(40)).putLong(32, t).putLong(40, t);
    return List.of(FakeUdpServer.Reply.of(b));
  }

  static List<FakeUdpServer.Reply> kod(ByteBuffer request, String code) {
    return List.of(FakeUdpServer.Reply.of(ClientExchangeTest.kod(request, code)));
  }

  private static SntpClient.Builder fast(SteppedTicker time) {
    return SntpClient.builder(TIMEOUT).retries(0).allowFastPollingForTests()
        .settings(ExchangeSettings.builder().ticker(time).build());
  }

  @Test
  void timeoutIsMandatoryAndBounded() {
    assertThatNullPointerException().isThrownBy(() -> SntpClient.builder(null));
    assertThatIllegalArgumentException().isThrownBy(() -> SntpClient.builder(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> SntpClient.builder(Duration.ofMinutes(2)));
  }

  @Test
  void minimumPollIntervalBelow15SecondsNeedsTheExplicitOptOut() {
    assertThatIllegalArgumentException().isThrownBy(
        () -> SntpClient.builder(TIMEOUT).minimumPollInterval(Duration.ofSeconds(14)));
    SntpClient.builder(TIMEOUT).allowFastPollingForTests().minimumPollInterval(Duration.ofSeconds(1)).build();
  }

  /** A named burst (RFC 5905 iburst), not the test opt-out: N queries 2 s apart, then the 15 s floor. */
  @Test
  void aBurstAllowsItsQueries2SecondsApartAndThenThe15SecondFloor() throws Exception {
    SteppedTicker time = new SteppedTicker();
    try (FakeUdpServer server = new FakeUdpServer(SntpClientTest::good)) {
      SntpClient client = SntpClient.builder(TIMEOUT).burst(3).settings(ExchangeSettings.builder().ticker(time).build()).build();
      assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      time.advance(SntpClient.BURST_SPACING);
      assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      time.advance(SntpClient.BURST_SPACING);
      assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      // The burst is spent: the next query waits for the minimum poll interval after the last.
      time.advance(SntpClient.BURST_SPACING);
      ExchangeFailure after = (ExchangeFailure) client.query(server.address());
      assertThat(after.reason()).isEqualTo(FailureReason.POLL_TOO_SOON);
      assertThat(((ExchangeFailure.PollTooSoon) after).retryAfter())
          .isEqualTo(SntpClient.MINIMUM_POLL_INTERVAL.minus(SntpClient.BURST_SPACING));
      assertThat(server.requestPorts()).hasSize(3);
    }
    assertThatIllegalArgumentException().isThrownBy(() -> SntpClient.builder(TIMEOUT).burst(0));
    assertThatIllegalArgumentException().isThrownBy(() -> SntpClient.builder(TIMEOUT).burst(SntpClient.MAX_BURST + 1));
  }

  @Test
  void serverIsNotQueriedMoreOftenThanEvery15Seconds() throws Exception {
    SteppedTicker time = new SteppedTicker();
    try (FakeUdpServer server = new FakeUdpServer(SntpClientTest::good)) {
      SntpClient client = SntpClient.builder(TIMEOUT).settings(ExchangeSettings.builder().ticker(time).build()).build();
      assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      // The ticker moves only when told: 14 s after the first query the next is 1 s too soon,
      // however long the machine took between the two lines.
      time.advance(Duration.ofSeconds(14));
      ExchangeFailure tooSoon = (ExchangeFailure) client.query(server.address());
      assertThat(tooSoon.reason()).isEqualTo(FailureReason.POLL_TOO_SOON);
      Duration retryAfter = ((ExchangeFailure.PollTooSoon) tooSoon).retryAfter();
      assertThat(retryAfter).isEqualTo(Duration.ofSeconds(1));
      assertThat(server.requestPorts()).as("nothing was sent").hasSize(1);
      time.advance(retryAfter);
      assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      assertThat(server.requestPorts()).hasSize(2);
    }
  }

  @Test
  void kissOfDeathRateBacksOffWithAGrowingInterval() throws Exception {
    SteppedTicker time = new SteppedTicker();
    try (FakeUdpServer server = new FakeUdpServer((req, n) -> n < 2 ? kod(req, "RATE") : good(req, n))) {
      SntpClient client = fast(time).build();
      ExchangeFailure first = (ExchangeFailure) client.query(server.address());
      assertThat(first.reason()).isEqualTo(FailureReason.KISS_OF_DEATH);
      assertThat(((ExchangeFailure.KissOfDeath) first).kissCode()).contains(KissCode.RATE);
      assertThat(((ExchangeFailure.KissOfDeath) first).retryAfter()).contains(Duration.ofSeconds(16));
      ExchangeFailure backoff = (ExchangeFailure) client.query(server.address());
      assertThat(backoff.reason()).isEqualTo(FailureReason.RATE_BACKOFF);
      assertThat(server.requestPorts()).hasSize(1);
      time.advance(Duration.ofSeconds(16));
      ExchangeFailure second = (ExchangeFailure) client.query(server.address());
      assertThat(((ExchangeFailure.KissOfDeath) second).kissCode()).contains(KissCode.RATE);
      assertThat(((ExchangeFailure.KissOfDeath) second).retryAfter()).as("doubles on every further RATE").contains(Duration.ofSeconds(32));
      time.advance(Duration.ofSeconds(31));
      assertThat(((ExchangeFailure) client.query(server.address())).reason()).isEqualTo(FailureReason.RATE_BACKOFF);
      time.advance(Duration.ofSeconds(1));
      assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      assertThat(client.nextQueryAllowedIn(server.address())).contains(Duration.ZERO);
      assertThat(server.requestPorts()).hasSize(3);
    }
  }

  @Test
  void denyAndRstrDemobilizeTheServer() throws Exception {
    for (String code : new String[] {"DENY", "RSTR"}) {
      SteppedTicker time = new SteppedTicker();
      try (FakeUdpServer server = new FakeUdpServer((req, n) -> kod(req, code))) {
        SntpClient client = fast(time).build();
        ExchangeFailure first = (ExchangeFailure) client.query(server.address());
        assertThat(first.reason()).isEqualTo(FailureReason.KISS_OF_DEATH);
        assertThat(((ExchangeFailure.KissOfDeath) first).reaction()).isEqualTo(KissCode.Reaction.DEMOBILIZE);
        time.advance(Duration.ofDays(1));
        ExchangeFailure later = (ExchangeFailure) client.query(server.address());
        assertThat(later.reason()).isEqualTo(FailureReason.SERVER_DEMOBILIZED);
        assertThat(((ExchangeFailure.ServerDemobilized) later).kissCode()).isEqualTo(KissCode.valueOf(code));
        assertThat(server.requestPorts()).as("never queried again").hasSize(1);
        assertThat(client.nextQueryAllowedIn(server.address())).isEmpty();
      }
    }
  }

  @Test
  void replyFromAnotherPortIsIgnoredAndTheGenuineOneAccepted() throws Exception {
    SteppedTicker time = new SteppedTicker();
    try (FakeUdpServer spoofFirst = new FakeUdpServer((req, n) -> {
      List<FakeUdpServer.Reply> good = good(req, n);
      return List.of(new FakeUdpServer.Reply(good.get(0).bytes(), true), good.get(0));
    }); FakeUdpServer spoofOnly = new FakeUdpServer((req, n) -> List.of(new FakeUdpServer.Reply(good(req, n).get(0).bytes(), true)))) {
      SntpClient client = fast(time).build();
      assertThat(client.query(spoofFirst.address())).isInstanceOf(TimeSample.class);
      ExchangeFailure f = (ExchangeFailure) client.query(spoofOnly.address());
      assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aClosedPortIsReportedAsUnreachableNotAsATimeout(Transport transport) throws Exception {
    assumeTrue(transport.isAvailable(), transport + " unavailable here: " + transport.unavailableReason());
    // A long timeout with retries: only the ICMP port unreachable on loopback can end the query
    // before it, and both transports' sockets are connected so that it reaches them.
    SntpClient client = SntpClient.builder(Duration.ofSeconds(30)).retries(3).allowFastPollingForTests()
        .transport(transport).build();
    try (ClosedPort closed = ClosedPort.open()) {
      ExchangeFailure f = (ExchangeFailure) client.query(closed.address());
      assertThat(f.reason()).isEqualTo(FailureReason.PORT_UNREACHABLE);
      assertThat(f.isFinal()).isTrue();
    }
  }

  @Test
  void everyRequestUsesAFreshRandomSourcePort() throws Exception {
    try (FakeUdpServer server = new FakeUdpServer(SntpClientTest::good)) {
      SntpClient client = SntpClient.builder(TIMEOUT).allowFastPollingForTests().build();
      for (int i = 0; i < 10; i++) {
        assertThat(client.query(server.address())).isInstanceOf(TimeSample.class);
      }
      List<Integer> ports = server.requestPorts();
      // RFC 9109: a new ephemeral port per request (the kernel randomizes; a rare repeat is allowed).
      assertThat(new HashSet<>(ports)).hasSizeGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void retriesWithBackoffAndTriesEveryResolvedAddress() throws Exception {
    try (FakeUdpServer server = new FakeUdpServer((req, n) -> n == 0 ? List.of() : good(req, n))) {
      // First request is lost; the retry (with a doubled timeout) gets through.
      SntpClient retrying = SntpClient.builder(TIMEOUT).retries(1).allowFastPollingForTests().build();
      assertThat(retrying.query(server.address())).isInstanceOf(TimeSample.class);
      assertThat(server.requestPorts()).hasSize(2);

      // A name with two addresses: nothing answers on the first, the second is the server.
      SntpClient client = SntpClient.builder(TIMEOUT).retries(0).allowFastPollingForTests()
          .resolver(host -> List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getLoopbackAddress())).build();
      ExchangeResult r = client.query(InetSocketAddress.createUnresolved("ntp.test", server.address().getPort()));
      assertThat(r).isInstanceOf(TimeSample.class);
      assertThat(((TimeSample) r).server().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());

      SntpClient unresolvable = SntpClient.builder(TIMEOUT).resolver(host -> {
        throw new java.net.UnknownHostException(host);
      }).build();
      assertThat(((ExchangeFailure) unresolvable.query("nowhere.test")).reason()).isEqualTo(FailureReason.UNRESOLVED);
    }
  }

  /** Three real servers, one an hour off: the falseticker is reported and does not move the answer. */
  @Test
  void severalServersCombineAndTheFalsetickerIsReported() throws Exception {
    TimeSourceStatus status = new TimeSourceStatus(LeapIndicator.NO_WARNING, 2, -20, NtpShort.ZERO,
        NtpShort.fromDuration(Duration.ofMillis(20)), ReferenceId.ofAscii("GPS"), NtpTimestamp.UNKNOWN);
    try (NtpServer a = start(Duration.ZERO, status); NtpServer b = start(Duration.ofMillis(2), status);
        NtpServer c = start(Duration.ofHours(1), status)) {
      SntpClient client = SntpClient.builder(Duration.ofSeconds(1)).allowFastPollingForTests().build();
      SntpClient.MultiServerResult r = client.queryAll(List.of(a.localAddress(), b.localAddress(), c.localAddress()));
      assertThat(r.failures()).isEmpty();
      assertThat(r.samples()).hasSize(3);
      Selection.Result sel = r.selection();
      assertThat(sel.isAgreed()).isTrue();
      assertThat(sel.falsetickers()).extracting(TimeSample::server).containsExactly(c.localAddress());
      assertThat(sel.offset().toDuration().abs()).isLessThan(Duration.ofMillis(25));
      System.out.println("queryAll: combined " + sel.offset() + " in [" + sel.low() + ", " + sel.high() + "], falsetickers "
          + sel.falsetickers().size());
    }
  }

  /** End to end with our own server: KoD RATE from its rate limiter, KoD DENY from its access list, signed replies. */
  @Test
  void againstNtpServerWithRateLimitAccessListAndKeys() throws Exception {
    org.ntpclock.codec.auth.SymmetricKey key = org.ntpclock.codec.auth.SymmetricKey.of(5,
        org.ntpclock.codec.auth.MacAlgorithm.AES128_CMAC, new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6});
    org.ntpclock.codec.server.NtpResponder limited = org.ntpclock.codec.server.NtpResponder.builder(SystemTimeSource.create())
        .rateLimiter(org.ntpclock.codec.server.RateLimiter.builder().interval(6).burst(1).leak(0).kod(true).build())
        .keys(org.ntpclock.codec.auth.KeyStore.of(key))
        .build();
    org.ntpclock.codec.server.NtpResponder denying = org.ntpclock.codec.server.NtpResponder.builder(SystemTimeSource.create())
        .accessList(org.ntpclock.codec.server.AccessList.defaultAllow().deny("127.0.0.0/8")
            .denyAction(org.ntpclock.codec.server.AccessList.DenyAction.KOD_DENY).build())
        .build();
    // A real server's transmit comes after its receive: the round trip must be measured on the
    // system ticker (fast polling needs no advancing).
    try (NtpServer a = NtpServer.builder(limited).port(0).workers(1).start();
        NtpServer d = NtpServer.builder(denying).port(0).workers(1).start()) {
      SntpClient client = SntpClient.builder(Duration.ofSeconds(1)).allowFastPollingForTests()
          .settings(ExchangeSettings.builder().key(key).build()).build();
      TimeSample first = (TimeSample) client.query(a.localAddress());
      assertThat(first.poll()).as("server asks for its rate-limit interval").isEqualTo(6);
      ExchangeFailure second = (ExchangeFailure) client.query(a.localAddress());
      // The KoD is unsigned: with a key set, an unauthenticated KoD is not trusted, so the client keeps
      // waiting and reports the authentication failure.
      assertThat(second.reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
      assertThat(a.stats().count(org.ntpclock.codec.server.Verdict.ANSWERED_AUTHENTICATED)).isEqualTo(1);
      assertThat(a.stats().count(org.ntpclock.codec.server.Verdict.KOD_RATE)).isEqualTo(1);

      SntpClient plain = SntpClient.builder(Duration.ofSeconds(1)).allowFastPollingForTests().build();
      ExchangeFailure denied = (ExchangeFailure) plain.query(d.localAddress());
      assertThat(((ExchangeFailure.KissOfDeath) denied).kissCode()).contains(KissCode.DENY);
      assertThat(((ExchangeFailure) plain.query(d.localAddress())).reason()).isEqualTo(FailureReason.SERVER_DEMOBILIZED);
      assertThat(d.stats().count(org.ntpclock.codec.server.Verdict.KOD_DENY)).isEqualTo(1);
    }
  }

  @Test
  void version3And4AgainstNtpServer() throws Exception {
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1).start()) {
      for (int version : new int[] {3, 4}) {
        SntpClient client = SntpClient.builder(Duration.ofSeconds(1)).allowFastPollingForTests()
            .settings(ExchangeSettings.builder().version(version).build()).build();
        ExchangeResult r = client.query(server.localAddress());
        assertThat(r).as("v%s: %s", version, r).isInstanceOf(TimeSample.class);
        assertThat(((TimeSample) r).offset().toDuration().abs()).isLessThan(Duration.ofMillis(50));
      }
    }
  }

  private static NtpServer start(Duration offset, TimeSourceStatus status) throws Exception {
    TimeSourceStatus withReference = new TimeSourceStatus(status.leap(), status.stratum(), status.precision(),
        status.rootDelay(), status.rootDispersion(), status.referenceId(),
        NtpTimestamp.fromInstant(Instant.now().plus(offset).minusSeconds(10)));
    return NtpServer.builder(SystemTimeSource.create(InstantSource.offset(InstantSource.system(), offset), withReference))
        .port(0).workers(1).start();
  }
}
