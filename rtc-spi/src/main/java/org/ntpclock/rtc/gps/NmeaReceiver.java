package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.ntpclock.core.Ticker;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.epoch.nmea.NmeaException;
import org.ntpclock.epoch.nmea.NmeaTime;

/**
 * Reads a GPS receiver's NMEA 0183 output from a serial device, pipe or stream, on a thread of its
 * own, and feeds each time sentence to a {@link GpsSink} with the ticker reading at which its first
 * byte arrived.
 *
 * <p>A serial device must be set to the receiver's baud rate and to raw mode first, for example
 * {@code stty -F /dev/ttyAMA0 9600 raw -echo -echoe -echok} (9600 baud is the NMEA default; many
 * modules run at 38400 or 115200); raw mode keeps the line discipline from buffering or mangling
 * the sentences.
 *
 * <p>Reads are bounded: a line longer than the decoder's limit is skipped to its end and counted,
 * never buffered. Malformed sentences and checksum errors are counted and skipped. A device or
 * pipe that ends or fails is reopened with back-off (1 s doubling to 30 s), so a receiver that is
 * unplugged and plugged back in is picked up again; a plain stream ends the receiver.
 */
public final class NmeaReceiver extends ReaderThread {
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Opens the input, again after a failure if it can. */
  private interface Opener {
    ReadableByteChannel open() throws IOException;
  }

  private final Opener opener;
  private final boolean reopen;
  private final NmeaDecoder decoder;
  private final GpsSink sink;
  private final AtomicLong sentences = new AtomicLong();
  private final AtomicLong checksumErrors = new AtomicLong();
  private final AtomicLong otherErrors = new AtomicLong();

  private NmeaReceiver(String name, Opener opener, boolean reopen, NmeaDecoder decoder, int maxLength, GpsSink sink, Ticker ticker) {
    super("ntpclock-nmea " + name, ticker, maxLength, FIRST_BACKOFF, MAX_BACKOFF);
    this.opener = opener;
    this.reopen = reopen;
    this.decoder = checkNotNull(decoder, "decoder");
    this.sink = checkNotNull(sink, "sink");
  }

  /**
   * Starts reading a device or named pipe, reopening it when it ends or fails.
   *
   * @param device the serial device or pipe, e.g. {@code /dev/ttyAMA0}
   * @param decoder the decoder (its reference instant resolves dates)
   * @param maxLength the longest line accepted, counting CR LF, as the decoder's
   * @param sink where fixes go
   * @param ticker the ticker the sink uses
   * @return the running receiver
   */
  public static NmeaReceiver open(Path device, NmeaDecoder decoder, int maxLength, GpsSink sink, Ticker ticker) {
    checkNotNull(device, "device");
    NmeaReceiver r = new NmeaReceiver(device.toString(),
        () -> FileChannel.open(device, StandardOpenOption.READ), true, decoder, maxLength, sink, ticker);
    r.start();
    return r;
  }

  /**
   * Starts reading a stream until it ends.
   *
   * @param in the stream, e.g. standard input or a pipe
   * @param decoder the decoder
   * @param maxLength the longest line accepted, counting CR LF
   * @param sink where fixes go
   * @param ticker the ticker the sink uses
   * @return the running receiver
   */
  public static NmeaReceiver read(InputStream in, NmeaDecoder decoder, int maxLength, GpsSink sink, Ticker ticker) {
    checkNotNull(in, "in");
    NmeaReceiver r = new NmeaReceiver("stream", () -> Channels.newChannel(in), false, decoder, maxLength, sink, ticker);
    r.start();
    return r;
  }

  @Override
  ReadableByteChannel open() throws IOException {
    return opener.open();
  }

  /** A device or pipe is opened again; a plain stream that ended is done. */
  @Override
  boolean sessionEnded() {
    return reopen;
  }

  @Override
  boolean onLine(String line, long tick) {
    if (line == LineReader.OVERLONG) {
      otherErrors.incrementAndGet();
      return false;
    }
    if (line.isEmpty()) {
      return false;
    }
    long n = sentences.incrementAndGet();
    try {
      Optional<NmeaTime> t = decoder.decode(line, (int) Math.min(n, Integer.MAX_VALUE));
      if (t.isPresent()) {
        NmeaTime time = t.get();
        if (!time.valid()) {
          sink.onFix(Optional.empty(), tick);
        } else if (time.time().isPresent()) {
          sink.onFix(time.time(), tick);
        }
      }
      return true;
    } catch (NmeaException e) {
      (e.isChecksumError() ? checksumErrors : otherErrors).incrementAndGet();
      failed(e);
      return false;
    }
  }

  /**
   * Sentences read so far.
   *
   * @return the count
   */
  public long sentences() {
    return sentences.get();
  }

  /**
   * Sentences dropped for a missing or wrong checksum.
   *
   * @return the count
   */
  public long checksumErrors() {
    return checksumErrors.get();
  }

  /**
   * Lines dropped as malformed or too long.
   *
   * @return the count
   */
  public long otherErrors() {
    return otherErrors.get();
  }
}
