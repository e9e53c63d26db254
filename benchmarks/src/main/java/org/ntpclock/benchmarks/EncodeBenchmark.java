package org.ntpclock.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.TimeStamp;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.NtpWire;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding a 48-byte server reply into a buffer from its field values, the server's side of
 * {@link DecodeBenchmark}: the same golden reply variants, byte for byte. The static part of a
 * reply (leap, stratum, precision, root delay, reference id and time) is held the way each API
 * holds a server status; the three per-packet timestamps arrive as raw bits and are wrapped in
 * each API's timestamp type where the API needs one.
 *
 * <ul>
 *   <li>{@code oursValue}: {@link NtpPacket#builder()}, {@code build()}, {@code encode(buffer)};
 *   <li>{@code oursValueEncodeOnly}: {@code encode(buffer)} of an already-built packet;
 *   <li>{@code oursFlyweight}: {@link NtpWire#putHeader}, the allocation-free writer from primitives
 *       (what the server engine uses), with its range checks;
 *   <li>{@code commonsNet}: a reused {@link NtpV3Impl}, its setters (timestamps as
 *       {@link TimeStamp} objects, as its API requires); the result is its internal array, not
 *       copied to a caller's buffer (the cheapest reading of "encode" for it);
 *       {@code commonsNetNewPerPacket} uses a new instance per reply, as its server example does;
 *   <li>{@code floor}: absolute {@link ByteBuffer} puts, no checks.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBenchmark {
  byte[][] expected;
  int[] poll;
  long[] rootDispersion;
  long[] reference;
  long[] origin;
  long[] receive;
  long[] transmit;
  NtpShort[] rootDispersionTyped;
  NtpTimestamp[] referenceTyped;
  TimeStamp[] referenceCommonsNet;
  NtpPacket[] built;
  int stratum;
  int precision;
  long rootDelay;
  int referenceId;
  NtpShort rootDelayTyped;
  ReferenceId referenceIdTyped;
  final ByteBuffer out = ByteBuffer.allocate(48);
  final NtpV3Impl commonsNet = new NtpV3Impl();
  private int cursor;

  /**
   * Extracts the fields of the reply variants.
   *
   * @throws NtpDecodeException never (the variants are well formed)
   */
  @Setup
  public void setUp() throws NtpDecodeException {
    expected = Packets.serverReplies();
    int n = expected.length;
    poll = new int[n];
    rootDispersion = new long[n];
    reference = new long[n];
    origin = new long[n];
    receive = new long[n];
    transmit = new long[n];
    rootDispersionTyped = new NtpShort[n];
    referenceTyped = new NtpTimestamp[n];
    referenceCommonsNet = new TimeStamp[n];
    built = new NtpPacket[n];
    for (int i = 0; i < n; i++) {
      ByteBuffer b = ByteBuffer.wrap(expected[i]);
      poll[i] = b.get(2);
      rootDispersion[i] = b.getInt(8) & 0xFFFF_FFFFL;
      reference[i] = b.getLong(16);
      origin[i] = b.getLong(24);
      receive[i] = b.getLong(32);
      transmit[i] = b.getLong(40);
      rootDispersionTyped[i] = NtpShort.ofBits(rootDispersion[i]);
      referenceTyped[i] = NtpTimestamp.ofBits(reference[i]);
      referenceCommonsNet[i] = new TimeStamp(reference[i]);
      built[i] = NtpPacket.decode(b);
    }
    ByteBuffer first = ByteBuffer.wrap(expected[0]);
    stratum = first.get(1) & 0xFF;
    precision = first.get(3);
    rootDelay = first.getInt(4) & 0xFFFF_FFFFL;
    referenceId = first.getInt(12);
    rootDelayTyped = NtpShort.ofBits(rootDelay);
    referenceIdTyped = ReferenceId.ofBits(referenceId);
  }

  int next() {
    return cursor++ & Inputs.MASK;
  }

  /**
   * ntpclock value API: build, then encode.
   *
   * @return the buffer holding the reply
   */
  @Benchmark
  public ByteBuffer oursValue() {
    int i = next();
    out.clear();
    NtpPacket.builder()
        .leap(LeapIndicator.NO_WARNING)
        .version(4)
        .mode(org.ntpclock.codec.Mode.SERVER)
        .stratum(stratum)
        .poll(poll[i])
        .precision(precision)
        .rootDelay(rootDelayTyped)
        .rootDispersion(rootDispersionTyped[i])
        .referenceId(referenceIdTyped)
        .referenceTimestamp(referenceTyped[i])
        .originTimestamp(NtpTimestamp.ofBits(origin[i]))
        .receiveTimestamp(NtpTimestamp.ofBits(receive[i]))
        .transmitTimestamp(NtpTimestamp.ofBits(transmit[i]))
        .build()
        .encode(out);
    return out;
  }

  /**
   * ntpclock value API: encode a built packet.
   *
   * @return the buffer holding the reply
   */
  @Benchmark
  public ByteBuffer oursValueEncodeOnly() {
    out.clear();
    built[next()].encode(out);
    return out;
  }

  /**
   * ntpclock static writer from primitives.
   *
   * @return the buffer holding the reply
   */
  @Benchmark
  public ByteBuffer oursFlyweight() {
    int i = next();
    NtpWire.putHeader(out, 0, 0, 4, 4, stratum, poll[i], precision, rootDelay, rootDispersion[i], referenceId,
        reference[i], origin[i], receive[i], transmit[i]);
    return out;
  }

  /**
   * Apache Commons Net 3.11.1.
   *
   * @return the packet holding the reply in its internal array
   */
  @Benchmark
  public NtpV3Impl commonsNet() {
    int i = next();
    return fillCommonsNet(commonsNet, i);
  }

  /**
   * Apache Commons Net 3.11.1 as its {@code SimpleNTPServer} example answers: a new
   * {@link NtpV3Impl} per reply, then the same setters. The report compares ntpclock with whichever
   * of the two Commons Net variants is faster in the run.
   *
   * @return the packet holding the reply in its internal array
   */
  @Benchmark
  public NtpV3Impl commonsNetNewPerPacket() {
    int i = next();
    return fillCommonsNet(new NtpV3Impl(), i);
  }

  /** The setters both Commons Net variants call, as its SimpleNTPServer example does. */
  private NtpV3Impl fillCommonsNet(NtpV3Impl p, int i) {
    p.setLeapIndicator(0);
    p.setVersion(4);
    p.setMode(4);
    p.setStratum(stratum);
    p.setPoll(poll[i]);
    p.setPrecision(precision);
    p.setRootDelay((int) rootDelay);
    p.setRootDispersion((int) rootDispersion[i]);
    p.setReferenceId(referenceId);
    p.setReferenceTime(referenceCommonsNet[i]);
    p.setOriginateTimeStamp(new TimeStamp(origin[i]));
    p.setReceiveTimeStamp(new TimeStamp(receive[i]));
    p.setTransmitTime(new TimeStamp(transmit[i]));
    return p;
  }

  /**
   * Hand-written floor.
   *
   * @return the buffer holding the reply
   */
  @Benchmark
  public ByteBuffer floor() {
    int i = next();
    out.clear();
    Floor.encode(out, 0x24, stratum, poll[i], precision, (int) rootDelay, (int) rootDispersion[i], referenceId,
        reference[i], origin[i], receive[i], transmit[i]);
    return out;
  }
}
