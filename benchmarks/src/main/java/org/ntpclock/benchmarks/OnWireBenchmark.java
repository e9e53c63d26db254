package org.ntpclock.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.TimeInfo;
import org.apache.commons.net.ntp.TimeStamp;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.OnWire;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Offset and delay from the four timestamps of an exchange (RFC 5905 section 8). The exchanges are
 * realistic: a client within ±2 s of the server, 0.1..50 ms round trips, 5..100 µs of server
 * processing, random sub-second bits.
 *
 * <p>Commons Net is measured the way its users call it: a reply packet (prepared in setup, so
 * packet decoding is not counted here) and the client's return time in ms go into a
 * {@link TimeInfo}, and {@link TimeInfo#computeDetails()} yields boxed millisecond results (CN-6,
 * CN-7). ntpclock "raw" is {@link OnWire#offset}/{@link OnWire#delay} on raw bits; "typed" is
 * {@link OnWire#measure} on {@link NtpTimestamp} values, returning a record with a status.
 *
 * <p>Two-result variants return {@link Floor#mix} of offset and delay (one multiply-add, the same
 * for all of them) instead of two Blackhole calls, so the smoke test can check the values and the
 * sink costs less than the work measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OnWireBenchmark {
  long[] t1;
  long[] t2;
  long[] t3;
  long[] t4;
  NtpTimestamp[] typed;
  NtpV3Impl[] replies;
  long[] returnMillis;
  private int cursor;

  /** Builds the exchanges. */
  @Setup
  public void setUp() {
    SplittableRandom random = Inputs.random();
    long[] base = Inputs.ntpBits();
    t1 = new long[Inputs.SIZE];
    t2 = new long[Inputs.SIZE];
    t3 = new long[Inputs.SIZE];
    t4 = new long[Inputs.SIZE];
    typed = new NtpTimestamp[4 * Inputs.SIZE];
    replies = new NtpV3Impl[Inputs.SIZE];
    returnMillis = new long[Inputs.SIZE];
    for (int i = 0; i < Inputs.SIZE; i++) {
      long offset = random.nextLong(-(2L << 32), 2L << 32);
      long roundTrip = random.nextLong(429_497L, 214_748_365L); // 0.1 .. 50 ms
      long processing = random.nextLong(21_475L, 429_497L); // 5 .. 100 us
      long wire = (roundTrip - processing) / 2;
      t1[i] = base[i];
      t2[i] = t1[i] + wire + offset;
      t3[i] = t2[i] + processing;
      t4[i] = t3[i] + wire - offset;
      typed[4 * i] = NtpTimestamp.ofBits(t1[i]);
      typed[4 * i + 1] = NtpTimestamp.ofBits(t2[i]);
      typed[4 * i + 2] = NtpTimestamp.ofBits(t3[i]);
      typed[4 * i + 3] = NtpTimestamp.ofBits(t4[i]);
      NtpV3Impl reply = new NtpV3Impl();
      reply.setMode(4);
      reply.setVersion(4);
      reply.setStratum(2);
      reply.setOriginateTimeStamp(new TimeStamp(t1[i]));
      reply.setReceiveTimeStamp(new TimeStamp(t2[i]));
      reply.setTransmitTime(new TimeStamp(t3[i]));
      replies[i] = reply;
      returnMillis[i] = new TimeStamp(t4[i]).getTime();
    }
  }

  int next() {
    return cursor++ & Inputs.MASK;
  }

  /**
   * ntpclock, static helpers on raw bits.
   *
   * @return offset and delay, mixed into one value so both are consumed
   */
  @Benchmark
  public long oursRaw() {
    int i = next();
    return Floor.mix(OnWire.offset(t1[i], t2[i], t3[i], t4[i]), OnWire.delay(t1[i], t2[i], t3[i], t4[i]));
  }

  /**
   * ntpclock, typed {@link OnWire#measure}.
   *
   * @return the measurement (offset, delay, status)
   */
  @Benchmark
  public OnWire.Measurement oursTyped() {
    int i = 4 * next();
    return OnWire.measure(typed[i], typed[i + 1], typed[i + 2], typed[i + 3]);
  }

  /**
   * Apache Commons Net 3.11.1: {@code new TimeInfo(reply, returnTime, false).computeDetails()}.
   *
   * @return offset and delay in ms, unboxed and mixed into one value
   */
  @Benchmark
  public long commonsNet() {
    int i = next();
    TimeInfo info = new TimeInfo(replies[i], returnMillis[i], false);
    info.computeDetails();
    return Floor.mix(info.getOffset(), info.getDelay());
  }

  /**
   * Hand-written floor: two subtractions, an add and a shift each.
   *
   * @return offset and delay, mixed into one value
   */
  @Benchmark
  public long floor() {
    int i = next();
    return Floor.mix(Floor.offset(t1[i], t2[i], t3[i], t4[i]), Floor.delay(t1[i], t2[i], t3[i], t4[i]));
  }
}
