package org.ntpclock.codec.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

class SelectionProperties {
  private static final long MS = (1L << 32) / 1000;

  static TimeSample sample(int id, long offsetBits, long distanceBits) {
    return new TimeSample(InetSocketAddress.createUnresolved("server" + id, 123), NtpDuration.ofBits(offsetBits),
        NtpDuration.ZERO, NtpDuration.ofBits(distanceBits), 2, LeapIndicator.NO_WARNING, ReferenceId.ZERO,
        NtpShort.ZERO, NtpShort.ZERO, 6, -20, NtpTimestamp.ofBits(1), NtpTimestamp.ofBits(2), NtpTimestamp.ofBits(3),
        NtpTimestamp.ofBits(4));
  }

  /** The law: with a majority of truechimers (intervals containing the truth) the combined interval contains it. */
  @Property(tries = 2000)
  void majorityOfTruechimersKeepsTheTruthInTheInterval(
      @ForAll @IntRange(min = 1, max = 11) int n,
      @ForAll @LongRange(min = -1_000_000 * MS, max = 1_000_000 * MS) long truth,
      @ForAll long seed) {
    Random random = new Random(seed);
    int truechimers = n / 2 + 1 + random.nextInt(n - n / 2);
    List<TimeSample> samples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long distance = (1 + random.nextInt(1000)) * MS;
      long offset;
      if (i < truechimers) {
        offset = truth + (long) ((random.nextDouble() * 2 - 1) * distance); // |offset - truth| <= distance
      } else {
        // Falsetickers anywhere: near the truth, overlapping it, or far away.
        offset = truth + (random.nextInt(2001) - 1000) * MS * (random.nextBoolean() ? 1 : 1000);
      }
      samples.add(sample(i, offset, distance));
    }
    Collections.shuffle(samples, random);
    Selection.Result r = Selection.select(samples);
    assertThat(r.status()).isEqualTo(Selection.Status.AGREED);
    assertThat(r.low().toBits()).isLessThanOrEqualTo(truth);
    assertThat(r.high().toBits()).isGreaterThanOrEqualTo(truth);
    assertThat(r.offset().toBits()).isBetween(r.low().toBits(), r.high().toBits());
    assertThat(r.truechimers().size() + r.falsetickers().size()).isEqualTo(n);
    // No truechimer is ever called a falseticker: its interval contains the truth, which is in [low, high].
    for (TimeSample s : r.falsetickers()) {
      long lo = s.offset().toBits() - s.rootDistance().toBits();
      long hi = s.offset().toBits() + s.rootDistance().toBits();
      assertThat(lo > truth || hi < truth).isTrue();
    }
  }

  @Test
  void oneFalsetickerCannotMoveTheAnswer() {
    List<TimeSample> samples = List.of(
        sample(0, 1 * MS, 10 * MS), sample(1, 2 * MS, 10 * MS), sample(2, -1 * MS, 10 * MS),
        sample(3, 3_600_000 * MS, 10 * MS));
    Selection.Result r = Selection.select(samples);
    assertThat(r.isAgreed()).isTrue();
    assertThat(r.falsetickers()).containsExactly(samples.get(3));
    assertThat(r.truechimers()).containsExactly(samples.get(0), samples.get(1), samples.get(2));
    // Majority of 4 is 3: the region covered by three intervals is [-8 ms, 9 ms].
    assertThat(r.low().toBits()).isEqualTo(-8 * MS);
    assertThat(r.high().toBits()).isEqualTo(9 * MS);
    assertThat(r.offset().toBits()).isEqualTo(MS / 2);
  }

  @Test
  void disagreeingServersGiveNoMajority() {
    List<TimeSample> samples = List.of(sample(0, 0, MS), sample(1, 100 * MS, MS), sample(2, 200 * MS, MS));
    Selection.Result r = Selection.select(samples);
    assertThat(r.status()).isEqualTo(Selection.Status.NO_MAJORITY);
    assertThat(r.truechimers()).hasSize(3);
    assertThat(Selection.select(List.of()).status()).isEqualTo(Selection.Status.NO_SAMPLES);
  }

  @Test
  void touchingIntervalsCount() {
    // Closed intervals: [0, 2] and [2, 4] share the point 2.
    Selection.Result r = Selection.select(List.of(sample(0, MS, MS), sample(1, 3 * MS, MS)));
    assertThat(r.isAgreed()).isTrue();
    assertThat(r.low().toBits()).isEqualTo(2 * MS);
    assertThat(r.high().toBits()).isEqualTo(2 * MS);
  }
}
