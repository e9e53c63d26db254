package org.ntpclock.codec.nts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ntpclock.codec.nts.NtsKeProtocolTest.assertReason;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.core.NtpTimestamp;

/** NTS-protected requests and replies between our client session and our server codec. */
class NtsPacketTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T00:00:00Z"));
  NtsMasterKeys masterKeys;
  NtsServerCodec server;
  NtsClientSession client;

  @BeforeEach
  void keyExchange() throws NtsException {
    masterKeys = NtsMasterKeys.create(clock, Duration.ofHours(1), 1, new Random(1));
    server = new NtsServerCodec(masterKeys, new Random(2));
    List<AeadAlgorithm> offer = List.of(AeadAlgorithm.AES_SIV_CMAC_256);
    NtsKeServerProtocol ke = new NtsKeServerProtocol(masterKeys, offer, java.util.Optional.empty(), java.util.OptionalInt.empty());
    NtsKeResponse response = NtsKeClientProtocol.parseResponse(ke.respond(NtsKeClientProtocol.request(offer), NtsKeProtocolTest.EXPORTER).message(), offer);
    client = NtsClientSession.of(NtsKeys.derive(NtsKeProtocolTest.EXPORTER, response.aead()), response, new Random(3));
  }

  static NtpPacket request() {
    return NtpPacket.builder().mode(Mode.CLIENT).transmitTimestamp(NtpTimestamp.ofBits(0x1234_5678_9abc_def0L)).build();
  }

  static NtpPacket header(NtpPacket request) {
    return NtpPacket.builder().mode(Mode.SERVER).stratum(2).originTimestamp(request.transmitTimestamp())
        .receiveTimestamp(NtpTimestamp.ofBits(0xeeee_0000_0000_0000L)).transmitTimestamp(NtpTimestamp.ofBits(0xeeee_0000_0001_0000L)).build();
  }

  byte[] serve(byte[] datagram) throws Exception {
    NtpPacket decoded = NtpPacket.decode(datagram, ParsePolicy.server());
    assertThat(NtsExtensionFields.isNts(decoded)).isTrue();
    return server.seal(header(decoded), server.open(decoded, datagram, 0));
  }

  @Test
  void exchangeKeepsEightCookiesAndNeverReusesOne() throws Exception {
    java.util.Set<String> seenCookies = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      byte[] datagram = client.protect(request());
      NtpPacket sent = NtpPacket.decode(datagram, ParsePolicy.server());
      String cookie = java.util.HexFormat.of().formatHex(sent.extensionFields().get(1).body());
      assertThat(seenCookies.add(cookie)).as("cookie reused").isTrue();
      byte[] reply = serve(datagram);
      assertThat(reply.length).isLessThanOrEqualTo(datagram.length);
      NtpPacket verified = client.verify(reply);
      assertThat(verified.originTimestamp()).isEqualTo(request().transmitTimestamp());
      assertThat(client.cookieCount()).isEqualTo(8);
    }
  }

  @Test
  void lostRepliesAreMadeUpWithPlaceholders() throws Exception {
    client.protect(request()); // lost
    client.protect(request()); // lost
    byte[] third = client.protect(request());
    assertThat(client.cookieCount()).isEqualTo(5);
    client.verify(serve(third));
    assertThat(client.cookieCount()).isEqualTo(8);
  }

  @Test
  void tamperedCookieGetsNtsNakAndTheClientRekeys() throws Exception {
    byte[] datagram = client.protect(request());
    datagram[48 + 36 + 30] ^= 1; // inside the cookie
    NtpPacket decoded = NtpPacket.decode(datagram, ParsePolicy.server());
    NtsServerCodec.NakException nak = org.junit.jupiter.api.Assertions.assertThrows(NtsServerCodec.NakException.class,
        () -> server.open(decoded, datagram, 0));
    assertThat(nak.reason()).isEqualTo(NtsException.Reason.COOKIE_INVALID);
    byte[] kod = NtsServerCodec.nak(header(decoded), nak.uniqueIdField());
    assertThat(NtpPacket.decode(kod, ParsePolicy.client()).kissCode()).contains(KissCode.NTSN);
    assertReason(() -> client.verify(kod), NtsException.Reason.NTS_NAK);
    assertThat(client.needsKeyExchange()).isTrue();
    assertReason(() -> client.protect(request()), NtsException.Reason.NO_COOKIES);
  }

  @Test
  void tamperedRequestAuthenticatorGetsNak() throws Exception {
    byte[] datagram = client.protect(request());
    datagram[datagram.length - 1] ^= 1;
    NtpPacket decoded = NtpPacket.decode(datagram, ParsePolicy.server());
    NtsServerCodec.NakException nak = org.junit.jupiter.api.Assertions.assertThrows(NtsServerCodec.NakException.class,
        () -> server.open(decoded, datagram, 0));
    assertThat(nak.reason()).isEqualTo(NtsException.Reason.AUTHENTICATION_FAILED);
  }

  @Test
  void tamperedHeaderOrReplyAuthenticatorFailsAuthentication() throws Exception {
    byte[] reply = serve(client.protect(request()));
    byte[] header = reply.clone();
    header[40] ^= 1; // transmit timestamp
    assertReason(() -> client.verify(header), NtsException.Reason.AUTHENTICATION_FAILED);
    byte[] tag = reply.clone();
    tag[48 + 36 + 4 + 16 + 3] ^= 1; // inside the reply's tag
    assertReason(() -> client.verify(tag), NtsException.Reason.AUTHENTICATION_FAILED);
    // The genuine reply still verifies afterwards: a forgery does not use up the request.
    assertThat(client.verify(reply).stratum()).isEqualTo(2);
  }

  @Test
  void uniqueIdMismatchAndReplayAreTyped() throws Exception {
    byte[] reply = serve(client.protect(request()));
    byte[] otherId = reply.clone();
    otherId[48 + 4] ^= 1;
    assertReason(() -> client.verify(otherId), NtsException.Reason.UNIQUE_ID_MISMATCH);
    client.verify(reply);
    assertReason(() -> client.verify(reply), NtsException.Reason.REPLAYED_REPLY);
  }

  @Test
  void unauthenticatedFieldsAfterTheAuthenticatorAreRefused() throws Exception {
    byte[] reply = serve(client.protect(request()));
    byte[] longer = java.util.Arrays.copyOf(reply, reply.length + 32);
    longer[reply.length + 1] = 0x10; // a 32-octet field of type 0x0010
    longer[reply.length + 3] = 32;
    assertReason(() -> client.verify(longer), NtsException.Reason.BAD_EXTENSION_FIELD);
  }

  @Test
  void cookiesOutliveOneRotationThenExpire() throws Exception {
    byte[] datagram = client.protect(request());
    clock.advance(Duration.ofMinutes(61)); // one rotation: the previous key still opens
    client.verify(serve(datagram));
    byte[] later = client.protect(request());
    clock.advance(Duration.ofMinutes(61));
    clock.advance(Duration.ofMinutes(61)); // retained one key: the cookie's key is gone now
    NtpPacket decoded = NtpPacket.decode(later, ParsePolicy.server());
    assertThatThrownBy(() -> server.open(decoded, later, 0)).isInstanceOfSatisfying(NtsServerCodec.NakException.class,
        e -> assertThat(e.reason()).isEqualTo(NtsException.Reason.COOKIE_INVALID));
  }

  @Test
  void malformedNtsRequestsGetNoReply() throws NtpDecodeException {
    NtpPacket onlyUid = request().toBuilder().addExtensionField(NtsExtensionFields.uniqueIdentifier(new byte[32])).build();
    byte[] bytes = new byte[onlyUid.encodedLength()];
    onlyUid.encode(java.nio.ByteBuffer.wrap(bytes));
    assertReason(() -> server.open(NtpPacket.decode(bytes, ParsePolicy.server()), bytes, 0), NtsException.Reason.BAD_EXTENSION_FIELD);
  }

  /** A clock the test moves. */
  static final class MutableClock implements java.time.InstantSource {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
