package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.testing.Allocations;

class TimeSourceTest {

  @Test
  void systemSourceServesItsClockWithTheLocalStatus() {
    InstantSource fixed = Clock.fixed(Instant.parse("2026-11-21T09:38:16.684830539Z"), ZoneOffset.UTC);
    SystemTimeSource source = SystemTimeSource.create(fixed);
    assertThat(source.now()).isEqualTo(NtpTimestamp.fromInstant(fixed.instant()));
    TimeSourceStatus status = source.status();
    assertThat(status.isSynchronized()).isTrue();
    assertThat(status.stratum()).isEqualTo(SystemTimeSource.DEFAULT_STRATUM);
    assertThat(status.referenceId().toDottedQuad()).isEqualTo("127.127.1.1");
    assertThat(status.referenceTime().toInstant()).isEqualTo(Instant.parse("2026-11-21T09:38:16Z"));
    assertThat(source.status()).isSameAs(status); // no allocation while nothing changes
  }

  @Test
  void theSystemClockSourceFollowsTheSystemClockWithoutAllocating() {
    SystemTimeSource source = SystemTimeSource.create();
    for (int i = 0; i < 1000; i++) {
      long before = NtpTimestamp.fromInstant(Instant.now()).toBits();
      long now = source.nowBits();
      long after = NtpTimestamp.fromInstant(Instant.now()).toBits();
      // Anchored extrapolation follows the system clock: it lies between two direct reads up to
      // the anchor's own skew. The bound is a sanity bound (50 ms), far above any skew a pause
      // of this JVM can cause; how close it stays is a figure for the benchmarks, not a test.
      assertThat(now - before).isGreaterThan(-(50L << 32) / 1000);
      assertThat(after - now).isGreaterThan(-(50L << 32) / 1000);
    }
    long[] sink = {0};
    long allocated = Allocations.allocatedBy(200_000, 100_000, () -> sink[0] += source.nowBits() + source.status().stratum());
    assertThat(sink[0]).isNotZero();
    // At most a re-anchor per elapsed second (a few dozen bytes each), never per read.
    assertThat(allocated).isLessThan(4_096);
  }

  @Test
  void theSystemClockSourcePublishesARecentWholeSecondAsReferenceTime() {
    SystemTimeSource source = SystemTimeSource.create();
    TimeSourceStatus status = source.status();
    long now = source.nowBits();
    long ref = status.referenceTime().toBits();
    assertThat(NtpTimestamp.fractionOf(ref)).isZero();
    assertThat(now - ref).isBetween(0L, 65L << 32);
    // Between re-anchors status() reads no clock and returns the same status.
    assertThat(source.status()).isSameAs(status);
  }

  @Test
  void unsynchronizedStatusSaysSo() {
    InstantSource fixed = Clock.fixed(Instant.parse("2026-11-21T09:38:16Z"), ZoneOffset.UTC);
    SystemTimeSource source = SystemTimeSource.create(fixed, TimeSourceStatus.unsynchronized(-20));
    assertThat(source.status().isSynchronized()).isFalse();
    assertThat(source.status().leap()).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
    assertThat(source.status().stratum()).isEqualTo(16);
  }

  @Test
  void statusRejectsContradictions() {
    assertThatThrownBy(() -> new TimeSourceStatus(LeapIndicator.UNSYNCHRONIZED, 2, -20, NtpShort.ZERO, NtpShort.ZERO,
        ReferenceId.ZERO, NtpTimestamp.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeSourceStatus(LeapIndicator.NO_WARNING, 16, -20, NtpShort.ZERO, NtpShort.ZERO,
        ReferenceId.ZERO, NtpTimestamp.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeSourceStatus(LeapIndicator.NO_WARNING, 0, -20, NtpShort.ZERO, NtpShort.ZERO,
        ReferenceId.ZERO, NtpTimestamp.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeSourceStatus(LeapIndicator.NO_WARNING, 1, 128, NtpShort.ZERO, NtpShort.ZERO,
        ReferenceId.ZERO, NtpTimestamp.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    TimeSourceStatus unsync = TimeSourceStatus.unsynchronized(-20);
    assertThat(unsync.withLeap(LeapIndicator.LAST_MINUTE_61)).isSameAs(unsync);
  }

  @Test
  void leapIndicatorCodes() {
    for (LeapIndicator li : LeapIndicator.values()) {
      assertThat(LeapIndicator.ofCode(li.code())).isSameAs(li);
    }
    assertThat(LeapIndicator.UNSYNCHRONIZED.code()).isEqualTo(3);
    assertThatThrownBy(() -> LeapIndicator.ofCode(4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void referenceIdsKnowWhatTheyAre() throws Exception {
    assertThat(ReferenceId.ofAscii("GPS").toAscii()).isEqualTo("GPS");
    assertThat(ReferenceId.ofAscii("GPS").toBits()).isEqualTo(0x47505300);
    assertThat(ReferenceId.ofAscii("RATE").describe(0)).isEqualTo("RATE");
    // 0xc035676c is PTB's 192.53.103.108 (golden server packet); never a signed int (pilight PR #362)
    ReferenceId ptb = ReferenceId.ofBits(0xc035676c);
    assertThat(ptb.describe(2)).isEqualTo("192.53.103.108");
    assertThat(ptb).isEqualTo(ReferenceId.ofIpv4((Inet4Address) InetAddress.getByName("192.53.103.108")));
    assertThat(ptb.describe(1)).isEqualTo("c035676c");
    assertThat(ptb.isAscii()).isFalse();
    assertThat(ReferenceId.ofBits(0x47005300).isAscii()).isFalse(); // a zero byte inside is not left-justified ASCII
    assertThat(ReferenceId.ofIpv6((Inet6Address) InetAddress.getByName("::1")).toBits()).isNotZero();
    assertThatThrownBy(() -> ReferenceId.ofAscii("TOOLONG")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferenceId.ofAscii("é")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferenceId.ofBits(0xc035676c).toAscii()).isInstanceOf(IllegalStateException.class);
  }
}
