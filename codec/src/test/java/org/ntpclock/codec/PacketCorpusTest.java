package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the Jazzer seed corpus and reproducers of {@link PacketDecoderFuzzTest} through plain
 * JUnit, independent of Jazzer's engine (which depends on JVM internals and may lag new JDKs).
 */
class PacketCorpusTest {
  static final String CORPUS = "PacketDecoderFuzzTestInputs/decode";

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    URL dir = PacketCorpusTest.class.getResource(CORPUS);
    assertThat(dir).as("corpus directory " + CORPUS).isNotNull();
    return Files.list(Path.of(dir.toURI())).filter(Files::isRegularFile).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void corpusEntrySatisfiesTheDecoderLaws(Path entry) {
    try {
      DecoderOracle.check(Files.readAllBytes(entry));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void corpusHoldsRealPackets() throws Exception {
    long decodable;
    try (Stream<Path> entries = corpus()) {
      decodable = entries.filter(p -> {
        try {
          NtpPacket.decode(Files.readAllBytes(p), ParsePolicy.lenient());
          return true;
        } catch (NtpDecodeException e) {
          return false;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).count();
    }
    assertThat(decodable).isGreaterThanOrEqualTo(8);
  }
}
