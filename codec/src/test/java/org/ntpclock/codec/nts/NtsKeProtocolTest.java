package org.ntpclock.codec.nts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** NTS-KE records, messages and both sides of the negotiation, with a stand-in TLS exporter. */
class NtsKeProtocolTest {
  /** A deterministic exporter: the keys depend on label and context, as a real one's do. */
  static final KeyExporter EXPORTER = (label, context, length) -> {
    byte[] out = new byte[length];
    new Random(label.hashCode() * 31L + java.util.Arrays.hashCode(context)).nextBytes(out);
    return out;
  };

  static NtsMasterKeys masterKeys() {
    return NtsMasterKeys.create(InstantSource.fixed(Instant.parse("2026-12-03T00:00:00Z")), Duration.ofHours(1), 2, new Random(7));
  }

  static NtsKeServerProtocol server(AeadAlgorithm... supported) {
    return new NtsKeServerProtocol(masterKeys(), List.of(supported), Optional.empty(), OptionalInt.empty());
  }

  @Property(tries = 300)
  void recordsRoundTrip(@ForAll boolean critical, @ForAll @IntRange(max = 0x7FFF) int type, @ForAll @Size(max = 300) byte[] body)
      throws NtsException {
    NtsKeRecord record = NtsKeRecord.of(critical, type, body);
    ByteBuffer buffer = ByteBuffer.allocate(record.length());
    record.encode(buffer);
    buffer.flip();
    assertThat(NtsKeRecord.decode(buffer)).isEqualTo(record);
    assertThat(buffer.hasRemaining()).isFalse();
  }

  @Property(tries = 200)
  void messagesRoundTripAndFrame(@ForAll @Size(max = 6) List<@Size(max = 40) byte[]> bodies) throws NtsException {
    List<NtsKeRecord> records = new ArrayList<>();
    for (byte[] b : bodies) {
      records.add(NtsKeRecord.of(false, 1000 + b.length, b));
    }
    byte[] message = NtsKeMessage.encode(records);
    List<NtsKeRecord> decoded = NtsKeMessage.decode(message);
    assertThat(decoded.subList(0, decoded.size() - 1)).isEqualTo(records);
    assertThat(NtsKeMessage.completeLength(message, message.length)).isEqualTo(message.length);
    for (int cut = 0; cut < message.length; cut++) {
      assertThat(NtsKeMessage.completeLength(message, cut)).isEqualTo(-1);
    }
  }

  @Test
  void clientAndServerAgree() throws NtsException {
    List<AeadAlgorithm> offer = List.of(AeadAlgorithm.AES_SIV_CMAC_512, AeadAlgorithm.AES_SIV_CMAC_256);
    NtsKeServerProtocol.Outcome outcome = server(AeadAlgorithm.AES_SIV_CMAC_256, AeadAlgorithm.AES_SIV_CMAC_512)
        .respond(NtsKeClientProtocol.request(offer), EXPORTER);
    assertThat(outcome.failure()).isEmpty();
    NtsKeResponse response = NtsKeClientProtocol.parseResponse(outcome.message(), offer);
    assertThat(response.aead()).isEqualTo(AeadAlgorithm.AES_SIV_CMAC_512); // the client's preference wins
    assertThat(response.cookies()).hasSize(8).allSatisfy(c -> assertThat(c).hasSize(NtsMasterKeys.cookieLength(AeadAlgorithm.AES_SIV_CMAC_512)));
    assertThat(response.server()).isEmpty();
  }

  @Test
  void serverNamesServerAndPort() throws NtsException {
    NtsKeServerProtocol server = new NtsKeServerProtocol(masterKeys(), List.of(AeadAlgorithm.AES_SIV_CMAC_256), Optional.of("ntp.example"), OptionalInt.of(12300));
    List<AeadAlgorithm> offer = List.of(AeadAlgorithm.AES_SIV_CMAC_256);
    NtsKeResponse response = NtsKeClientProtocol.parseResponse(server.respond(NtsKeClientProtocol.request(offer), EXPORTER).message(), offer);
    assertThat(response.server()).contains("ntp.example");
    assertThat(response.port()).hasValue(12300);
  }

  @Test
  void noCommonAeadIsTypedOnBothSides() {
    List<AeadAlgorithm> offer = List.of(AeadAlgorithm.AES_SIV_CMAC_512);
    NtsKeServerProtocol.Outcome outcome = server(AeadAlgorithm.AES_SIV_CMAC_256).respond(NtsKeClientProtocol.request(offer), EXPORTER);
    assertThat(outcome.failure()).get().extracting(NtsException::reason).isEqualTo(NtsException.Reason.NO_COMMON_AEAD);
    assertReason(() -> NtsKeClientProtocol.parseResponse(outcome.message(), offer), NtsException.Reason.NO_COMMON_AEAD);
  }

  @Test
  void unknownCriticalRecordGetsErrorZeroAndNonCriticalIsIgnored() throws NtsException {
    byte[] critical = NtsKeMessage.encode(List.of(NtsKeRecord.ofU16s(true, 1, 0), NtsKeRecord.ofU16s(true, 4, 15), NtsKeRecord.of(true, 0x4321, new byte[3])));
    NtsKeServerProtocol.Outcome refused = server(AeadAlgorithm.AES_SIV_CMAC_256).respond(critical, EXPORTER);
    assertThat(NtsKeMessage.decode(refused.message()).get(0)).isEqualTo(NtsKeRecord.ofU16s(true, NtsKeRecord.ERROR, 0));
    assertReason(() -> NtsKeClientProtocol.parseResponse(refused.message(), List.of(AeadAlgorithm.AES_SIV_CMAC_256)), NtsException.Reason.SERVER_ERROR);

    byte[] plain = NtsKeMessage.encode(List.of(NtsKeRecord.ofU16s(true, 1, 0), NtsKeRecord.ofU16s(true, 4, 15), NtsKeRecord.of(false, 0x4321, new byte[3])));
    assertThat(server(AeadAlgorithm.AES_SIV_CMAC_256).respond(plain, EXPORTER).failure()).isEmpty();
  }

  @Test
  void clientRejectsUnknownCriticalAndNoCookies() {
    List<AeadAlgorithm> offer = List.of(AeadAlgorithm.AES_SIV_CMAC_256);
    NtsKeRecord protocol = NtsKeRecord.ofU16s(true, 1, 0);
    NtsKeRecord aead = NtsKeRecord.ofU16s(true, 4, 15);
    NtsKeRecord cookie = NtsKeRecord.of(false, 5, new byte[100]);
    assertReason(() -> NtsKeClientProtocol.parseResponse(NtsKeMessage.encode(List.of(protocol, aead, cookie, NtsKeRecord.of(true, 99, new byte[0]))), offer),
        NtsException.Reason.UNKNOWN_CRITICAL_RECORD);
    assertReason(() -> NtsKeClientProtocol.parseResponse(NtsKeMessage.encode(List.of(protocol, aead)), offer), NtsException.Reason.NO_COOKIES);
    assertReason(() -> NtsKeClientProtocol.parseResponse(NtsKeMessage.encode(List.of(aead, cookie)), offer), NtsException.Reason.NO_COMMON_PROTOCOL);
    assertReason(() -> NtsKeClientProtocol.parseResponse(NtsKeMessage.encode(List.of(protocol, NtsKeRecord.ofU16s(true, 4, 17), cookie)), offer),
        NtsException.Reason.NO_COMMON_AEAD);
    assertReason(() -> NtsKeClientProtocol.parseResponse(NtsKeMessage.encode(List.of(protocol, aead, aead, cookie)), offer), NtsException.Reason.BAD_MESSAGE);
  }

  @Test
  void malformedMessagesAreTyped() {
    assertReason(() -> NtsKeMessage.decode(new byte[] {(byte) 0x80, 1, 0}), NtsException.Reason.RECORD_TRUNCATED);
    assertReason(() -> NtsKeMessage.decode(new byte[] {(byte) 0x80, 1, 0, 2, 0, 0}), NtsException.Reason.BAD_MESSAGE);
    assertReason(() -> NtsKeMessage.decode(new byte[] {0, 0, 0, 0}), NtsException.Reason.RECORD_MALFORMED);
    assertReason(() -> NtsKeMessage.decode(new byte[] {(byte) 0x80, 0, 0, 0, 1}), NtsException.Reason.BAD_MESSAGE);
    byte[] endless = new byte[NtsKeMessage.MAX_LENGTH];
    java.util.Arrays.fill(endless, (byte) 1); // records of type 257, 257 octets each, never End of Message
    assertReason(() -> NtsKeMessage.completeLength(endless, endless.length), NtsException.Reason.MESSAGE_TOO_LONG);
    // A bad request is answered with error 1, bad request.
    NtsKeServerProtocol.Outcome outcome = server(AeadAlgorithm.AES_SIV_CMAC_256).respond(new byte[] {1, 2, 3}, EXPORTER);
    assertThat(outcome.message()).isEqualTo(NtsKeMessage.encode(List.of(NtsKeRecord.ofU16s(true, NtsKeRecord.ERROR, 1))));
  }

  @Test
  void exporterContextsFollowRfc8915() throws NtsException {
    List<byte[]> contexts = new ArrayList<>();
    NtsKeys keys = NtsKeys.derive((label, context, length) -> {
      assertThat(label).isEqualTo("EXPORTER-network-time-security");
      contexts.add(context);
      return new byte[length];
    }, AeadAlgorithm.AES_SIV_CMAC_256);
    assertThat(contexts).containsExactly(new byte[] {0, 0, 0, 15, 0}, new byte[] {0, 0, 0, 15, 1});
    assertThat(keys.c2s()).hasSize(32);
  }

  static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, NtsException.Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(NtsException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
