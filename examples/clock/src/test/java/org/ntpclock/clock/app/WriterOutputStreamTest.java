package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WriterOutputStreamTest {
  /** Whatever chunks the bytes arrive in, the writer gets the same text. */
  @Property(tries = 200)
  void anySplitDecodesToTheSameText(@ForAll String text, @ForAll @IntRange(min = 1, max = 7) int chunk) {
    StringWriter sink = new StringWriter();
    WriterOutputStream out = new WriterOutputStream(new PrintWriter(sink));
    byte[] bytes = (text + "█·").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += chunk) {
      out.write(bytes, i, Math.min(chunk, bytes.length - i));
    }
    out.flush();
    assertThat(sink.toString()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
  }
}
