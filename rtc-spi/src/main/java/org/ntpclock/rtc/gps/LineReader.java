package org.ntpclock.rtc.gps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.ntpclock.core.Ticker;

/**
 * Splits a byte stream into lines of at most {@code maxLength} bytes, remembering the ticker
 * reading when each line's first byte arrived. A longer line is skipped to its end and reported as
 * overlong, so a device that sends no newline cannot grow a buffer without bound. Not thread-safe.
 */
final class LineReader {
  /** What {@link #next()} returns for a line that exceeded the limit. */
  static final String OVERLONG = new String("overlong");

  private final ReadableByteChannel channel;
  private final Ticker ticker;
  private final ByteBuffer buffer = ByteBuffer.allocate(4096);
  private final byte[] line;
  private int length;
  private boolean overflow;
  private long chunkTick;
  private long lineTick;

  LineReader(ReadableByteChannel channel, Ticker ticker, int maxLength) {
    this.channel = channel;
    this.ticker = ticker;
    this.line = new byte[maxLength];
    buffer.flip();
  }

  /**
   * The next line without its CR LF, {@link #OVERLONG} for one that was too long, or null at the
   * end of the stream.
   */
  String next() throws IOException {
    while (true) {
      if (!buffer.hasRemaining()) {
        buffer.clear();
        int n = channel.read(buffer);
        chunkTick = ticker.read();
        buffer.flip();
        if (n < 0) {
          return null;
        }
        continue;
      }
      byte b = buffer.get();
      if (length == 0 && !overflow) {
        lineTick = chunkTick;
      }
      if (b == '\n') {
        boolean wasOverflow = overflow;
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
        length = 0;
        overflow = false;
        return wasOverflow ? OVERLONG : text;
      }
      if (overflow) {
        continue;
      }
      if (length == line.length) {
        overflow = true;
        length = 0;
        continue;
      }
      line[length++] = b;
    }
  }

  /** The ticker reading when the last line's first byte was read. */
  long lineTick() {
    return lineTick;
  }
}
