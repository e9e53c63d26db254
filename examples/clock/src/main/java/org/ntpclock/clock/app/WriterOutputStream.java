package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes into a {@link PrintWriter}, so a display that prints to a {@link java.io.PrintStream}
 * shares the command's standard output (and tests can capture it). A character split across two
 * writes is decoded once its last byte arrives. Not thread-safe.
 */
final class WriterOutputStream extends OutputStream {
  private final PrintWriter out;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(4096);
  private final CharBuffer chars = CharBuffer.allocate(4096);

  WriterOutputStream(PrintWriter out) {
    this.out = checkNotNull(out, "out");
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    int i = off;
    while (i < off + len) {
      int n = Math.min(pending.remaining(), off + len - i);
      pending.put(b, i, n);
      i += n;
      drain();
    }
  }

  private void drain() {
    pending.flip();
    CoderResult result;
    do {
      result = decoder.decode(pending, chars, false);
      chars.flip();
      out.append(chars);
      chars.clear();
    } while (result.isOverflow());
    // Underflow: everything decoded but perhaps an incomplete character, kept for the next write.
    pending.compact();
  }

  @Override
  public void flush() {
    out.flush();
  }
}
