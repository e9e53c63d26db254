package org.ntpclock.benchmarks;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsClientSession;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsKeClientProtocol;
import org.ntpclock.codec.nts.NtsKeResponse;
import org.ntpclock.codec.nts.NtsKeServerProtocol;
import org.ntpclock.codec.nts.NtsKeys;
import org.ntpclock.codec.nts.NtsMasterKeys;
import org.ntpclock.codec.nts.NtsServerCodec;
import org.ntpclock.codec.server.AddressBits;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.SystemTimeSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One NTS request → reply in the responder, without sockets (RFC 8915 with AEAD_AES_SIV_CMAC_256,
 * as chrony uses): a request carrying a Unique Identifier, a cookie and an Authenticator, as our
 * client makes it with eight cookies in hand, is opened (cookie decrypted under the master key,
 * Authenticator checked) and answered with one fresh cookie sealed inside the reply's
 * Authenticator. {@code plain} is the same responder answering the same request's 48-byte header,
 * the ratio's baseline; the servers are stateless, so one request can be answered again and again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NtsResponderBenchmark {
  ByteBuffer ntsRequest;
  ByteBuffer plainRequest;
  final ByteBuffer response = ByteBuffer.allocateDirect(NtpResponder.MAX_REQUEST_LENGTH);
  NtpResponder responder;
  long clientHigh;
  long clientLow;
  long receiveBits;

  /**
   * Runs a key exchange without TLS (a fixed exporter) and builds one protected request.
   *
   * @throws NtsException never with these inputs
   */
  @Setup
  public void setUp() throws NtsException {
    NtsMasterKeys masterKeys = NtsMasterKeys.create(InstantSource.system(), Duration.ofHours(1), 2);
    List<AeadAlgorithm> aeads = List.of(AeadAlgorithm.AES_SIV_CMAC_256);
    SplittableRandom fixed = new SplittableRandom(1);
    byte[] exported = new byte[64];
    fixed.nextBytes(exported);
    NtsKeServerProtocol ke = new NtsKeServerProtocol(masterKeys, aeads, Optional.empty(), OptionalInt.empty());
    NtsKeResponse keResponse = NtsKeClientProtocol.parseResponse(
        ke.respond(NtsKeClientProtocol.request(aeads), (label, context, length) -> java.util.Arrays.copyOf(exported, length)).message(), aeads);
    NtsClientSession session = NtsClientSession.of(NtsKeys.derive((label, context, length) -> java.util.Arrays.copyOf(exported, length), keResponse.aead()),
        keResponse, new SecureRandom());
    byte[] request = session.protect(NtpPacket.builder().mode(org.ntpclock.codec.Mode.CLIENT)
        .transmitTimestamp(NtpTimestamp.ofBits(0x1234_5678_9abc_def0L)).build());
    ntsRequest = ByteBuffer.allocateDirect(request.length).put(request).flip();
    plainRequest = ByteBuffer.allocateDirect(48).put(request, 0, 48).flip();
    responder = NtpResponder.builder(SystemTimeSource.create()).nts(new NtsServerCodec(masterKeys, new SecureRandom())).build();
    InetAddress client = InetAddress.getLoopbackAddress();
    clientHigh = AddressBits.high(client);
    clientLow = AddressBits.low(client);
    receiveBits = SystemTimeSource.create().nowBits();
    response.clear();
    Verdict check = responder.respond(ntsRequest, receiveBits, clientHigh, clientLow, response);
    if (check != Verdict.ANSWERED_NTS) {
      throw new IllegalStateException("the NTS request was not answered with NTS: " + check);
    }
  }

  /**
   * An NTS request → a sealed reply with one new cookie.
   *
   * @return the verdict
   */
  @Benchmark
  public Verdict nts() {
    response.clear();
    return responder.respond(ntsRequest, receiveBits, clientHigh, clientLow, response);
  }

  /**
   * The same request's header alone → a plain reply, through the same responder.
   *
   * @return the verdict
   */
  @Benchmark
  public Verdict plain() {
    response.clear();
    return responder.respond(plainRequest, receiveBits, clientHigh, clientLow, response);
  }
}
