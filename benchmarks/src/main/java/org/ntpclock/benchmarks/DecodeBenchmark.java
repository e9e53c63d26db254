package org.ntpclock.benchmarks;

import java.net.DatagramPacket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.NtpPacketView;
import org.ntpclock.codec.ParsePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding a 48-byte server reply (a v4 reply captured from PTB's stratum-2 server,
 * timestamps, poll and root dispersion varied) and reading every header field: leap, version, mode, stratum,
 * poll, precision, root delay, root dispersion, reference id and the four timestamps as raw bits.
 * The fields are summed into the returned value, the same fold for every variant.
 *
 * <ul>
 *   <li>{@code oursValue}: {@link NtpPacket#decode(ByteBuffer, ParsePolicy)} with the client policy
 *       (full framing check), then the typed getters;
 *   <li>{@code oursFlyweight}: a reused {@link NtpPacketView}, {@code wrap} + the same full
 *       {@code check}, then the primitive getters;
 *   <li>{@code commonsNet}: a reused {@link NtpV3Impl} fed with {@code setDatagramPacket} (a copy of
 *       the 48 bytes), then its getters, timestamps through {@code TimeStamp.ntpValue()};
 *       {@code commonsNetNewPerPacket}: a new instance per reply, as {@code NTPUDPClient} does. The
 *       report compares ntpclock with whichever of the two is faster in the run;
 *   <li>{@code floor}: a length and version check, then absolute {@link ByteBuffer} reads.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {
  private static final ParsePolicy POLICY = ParsePolicy.client();

  byte[][] packets;
  ByteBuffer[] buffers;
  DatagramPacket[] datagrams;
  final NtpPacketView view = new NtpPacketView();
  final NtpV3Impl commonsNet = new NtpV3Impl();
  private int cursor;

  /** Builds the replies. */
  @Setup
  public void setUp() {
    packets = Packets.serverReplies();
    buffers = Packets.heap(packets);
    datagrams = new DatagramPacket[packets.length];
    for (int i = 0; i < packets.length; i++) {
      datagrams[i] = new DatagramPacket(packets[i], packets[i].length);
    }
  }

  int next() {
    return cursor++ & Inputs.MASK;
  }

  /**
   * ntpclock value API.
   *
   * @return the sum of all header fields
   * @throws NtpDecodeException never for these inputs
   */
  @Benchmark
  public long oursValue() throws NtpDecodeException {
    NtpPacket p = NtpPacket.decode(buffers[next()], POLICY);
    return p.leap().code() + p.version() + p.mode().code() + p.stratum() + p.poll() + p.precision()
        + p.rootDelay().toBits() + p.rootDispersion().toBits() + p.referenceId().toBits()
        + p.referenceTimestamp().toBits() + p.originTimestamp().toBits() + p.receiveTimestamp().toBits()
        + p.transmitTimestamp().toBits();
  }

  /**
   * ntpclock flyweight view.
   *
   * @return the sum of all header fields, or -1 if the check fails (never for these inputs)
   */
  @Benchmark
  public long oursFlyweight() {
    NtpPacketView v = view.wrap(buffers[next()]);
    if (v.check(POLICY) != null) {
      return -1;
    }
    return v.leap() + v.version() + v.mode() + v.stratum() + v.poll() + v.precision()
        + v.rootDelayBits() + v.rootDispersionBits() + v.referenceIdBits()
        + v.referenceTimestampBits() + v.originTimestampBits() + v.receiveTimestampBits()
        + v.transmitTimestampBits();
  }

  /**
   * Apache Commons Net 3.11.1.
   *
   * @return the sum of all header fields
   */
  @Benchmark
  public long commonsNet() {
    NtpV3Impl p = commonsNet;
    p.setDatagramPacket(datagrams[next()]);
    return p.getLeapIndicator() + p.getVersion() + p.getMode() + p.getStratum() + p.getPoll() + p.getPrecision()
        + Integer.toUnsignedLong(p.getRootDelay()) + Integer.toUnsignedLong(p.getRootDispersion())
        + p.getReferenceId() + p.getReferenceTimeStamp().ntpValue() + p.getOriginateTimeStamp().ntpValue()
        + p.getReceiveTimeStamp().ntpValue() + p.getTransmitTimeStamp().ntpValue();
  }

  /**
   * Apache Commons Net 3.11.1 as {@code NTPUDPClient.getTime} uses it: a new {@link NtpV3Impl} per
   * reply, the datagram received into its array (here: copied), then the same getters.
   *
   * @return the sum of all header fields
   */
  @Benchmark
  public long commonsNetNewPerPacket() {
    NtpV3Impl p = new NtpV3Impl();
    System.arraycopy(packets[next()], 0, p.getDatagramPacket().getData(), 0, 48);
    return p.getLeapIndicator() + p.getVersion() + p.getMode() + p.getStratum() + p.getPoll() + p.getPrecision()
        + Integer.toUnsignedLong(p.getRootDelay()) + Integer.toUnsignedLong(p.getRootDispersion())
        + p.getReferenceId() + p.getReferenceTimeStamp().ntpValue() + p.getOriginateTimeStamp().ntpValue()
        + p.getReceiveTimeStamp().ntpValue() + p.getTransmitTimeStamp().ntpValue();
  }

  /**
   * Hand-written floor.
   *
   * @return the sum of all header fields, or -1 for a short or wrong-version datagram
   */
  @Benchmark
  public long floor() {
    return Floor.decodeSum(buffers[next()]);
  }
}
