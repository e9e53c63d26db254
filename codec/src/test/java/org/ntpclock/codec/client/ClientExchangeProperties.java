package org.ntpclock.codec.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class ClientExchangeProperties {
  private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 123);

  /** Whatever arrives, the exchange answers with a typed result, never an exception, and only a matching origin can succeed. */
  @Property(tries = 3000)
  void anyDatagramGetsATypedOutcome(@ForAll @Size(max = 200) byte[] bytes, @ForAll boolean copyOrigin) {
    ManualTime time = new ManualTime(Instant.parse("2026-11-21T10:00:00Z"));
    ClientExchange ex = ClientExchange.create(ExchangeSettings.builder().clock(time).ticker(time).build(), SERVER);
    ex.writeRequest(ByteBuffer.allocate(48));
    if (copyOrigin && bytes.length >= 32) {
      ByteBuffer.wrap(bytes).putLong(24, ex.transmitKey());
    }
    time.advance(Duration.ofMillis(1));
    ExchangeResult r = ex.receive(ByteBuffer.wrap(bytes), SERVER);
    assertThat(r).isNotNull();
    if (r instanceof TimeSample) {
      assertThat(ByteBuffer.wrap(bytes).getLong(24)).isEqualTo(ex.transmitKey());
    }
  }

  /** Offset is exact for any server offset within ±68 years minus margin, across eras (OnWire on raw bits). */
  @Property(tries = 1000)
  void offsetIsExactForAnyServerOffset(@ForAll @LongRange(min = -(1L << 62), max = 1L << 62) long offsetBits,
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long clientSecondsSinceEpoch) {
    ManualTime time = new ManualTime(Instant.ofEpochSecond(clientSecondsSinceEpoch));
    ClientExchange ex = ClientExchange.create(ExchangeSettings.builder().clock(time).ticker(time)
        .validationPolicy(org.ntpclock.codec.client.ValidationPolicy.defaults().withMaxOffset(Duration.ofSeconds(1L << 31)))
        .build(), SERVER);
    ByteBuffer req = ByteBuffer.allocate(48);
    ex.writeRequest(req);
    ByteBuffer reply = ClientExchangeTest.reply(req.flip(), ex.t1Bits(), offsetBits, Duration.ofMillis(2));
    time.advance(Duration.ofMillis(2));
    ExchangeResult r = ex.receive(reply, SERVER);
    assertThat(r).isInstanceOf(TimeSample.class);
    assertThat(((TimeSample) r).offset().toBits()).isEqualTo(offsetBits);
  }
}
