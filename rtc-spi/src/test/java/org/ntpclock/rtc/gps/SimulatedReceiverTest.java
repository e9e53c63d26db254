package org.ntpclock.rtc.gps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.Ticker;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.epoch.nmea.NmeaSentence;
import org.ntpclock.rtc.gps.SimulatedGpsReceiver.Fault;

/**
 * The whole chain in-process, on the system clock: simulated receiver → pipe → NMEA receiver, and
 * PPS file → sysfs reader, both into a {@link GpsTimeSource}; a receiver with the week-rollover
 * bug still gives the right time (the decoder corrects it), a lost fix drops synchronization.
 */
class SimulatedReceiverTest {
  @Test
  void simulatedReceiverSynchronizesTheSourceAndItsFaultsShow(@TempDir Path dir) throws Exception {
    Ticker ticker = Ticker.system();
    GpsTimeSource source = GpsTimeSource.builder(LeapSecondTable.bundled()).ticker(ticker).build();
    PipedInputStream in = new PipedInputStream(4096);
    PipedOutputStream out = new PipedOutputStream(in);
    Path pps = dir.resolve("assert");
    try (SimulatedGpsReceiver sim = SimulatedGpsReceiver.builder().nmea(out).pps(pps).build().start();
        NmeaReceiver nmea = NmeaReceiver.read(in, NmeaDecoder.near(Instant.now()), NmeaSentence.STANDARD_MAX_LENGTH, source, ticker);
        SysfsPpsReader reader = SysfsPpsReader.start(pps, source, ticker, InstantSource.system(), Duration.ofMillis(5))) {
      RecordingSink.await(() -> source.status().isSynchronized(), "synchronization");
      assertThat(source.status().stratum()).isEqualTo(1);
      Duration off = Duration.between(Instant.now(), NtpTimestamp.ofBits(source.nowBits()).toInstant());
      assertThat(off.abs()).as("served time against the system clock it simulates").isLessThan(Duration.ofMillis(50));

      sim.set(Fault.ROLLOVER_BUG, true);
      long before = sim.seconds();
      RecordingSink.await(() -> sim.seconds() >= before + 3, "three seconds with the rollover bug");
      assertThat(source.status().isSynchronized()).as("dates 1024 weeks early are corrected").isTrue();
      assertThat(source.agreements()).isGreaterThanOrEqualTo(5);

      sim.set(Fault.LOST_FIX, true);
      RecordingSink.await(() -> !source.status().isSynchronized(), "the lost fix");
      assertThat(source.nowBits()).isZero();
      assertThat(nmea.checksumErrors()).isZero();
      assertThat(reader.edges()).isGreaterThanOrEqualTo(5);
      // Polls before the simulator's first edge find no file; the atomic replacement is never read half-written.
      reader.lastError().ifPresent(e -> assertThat(e).isInstanceOf(java.nio.file.NoSuchFileException.class));
    }
  }
}
