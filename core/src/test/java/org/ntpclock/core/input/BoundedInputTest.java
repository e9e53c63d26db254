package org.ntpclock.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedInputTest {
  @TempDir Path dir;

  @Test
  void readsAStreamUpToTheLimit() throws IOException {
    byte[] bytes = BoundedInput.readAll(new ByteArrayInputStream(new byte[10]), 10, "x");
    assertThat(bytes).hasSize(10);
  }

  @Test
  void refusesAStreamOneByteOverTheLimit() {
    assertThatThrownBy(() -> BoundedInput.readAll(new ByteArrayInputStream(new byte[11]), 10, "x"))
        .isInstanceOf(InputTooLargeException.class)
        .hasMessage("'x': larger than 10 bytes")
        .satisfies(e -> assertThat(((InputTooLargeException) e).limit()).isEqualTo(10));
  }

  @Test
  void anEndlessDeviceStreamCostsOnlyTheBound() throws IOException {
    Path zero = Paths.get("/dev/zero");
    assumeTrue(Files.exists(zero), "needs /dev/zero");
    // Opened directly (not through openRegularFile, which refuses it): the read stops at the bound.
    try (InputStream in = Files.newInputStream(zero)) {
      assertThatThrownBy(() -> BoundedInput.readAll(in, 1 << 16, "/dev/zero"))
          .isInstanceOf(InputTooLargeException.class);
    }
  }

  @Test
  void refusesACharacterDeviceBeforeOpeningIt() {
    Path zero = Paths.get("/dev/zero");
    assumeTrue(Files.exists(zero), "needs /dev/zero");
    assertThatThrownBy(() -> BoundedInput.readFile(zero, 1024))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("not a regular file (a FIFO, socket or device)");
  }

  @Test
  void refusesAFifoWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    } catch (IOException e) {
      assumeTrue(false, "needs mkfifo");
      return;
    }
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    // Opening a FIFO with no writer blocks forever; the check happens before the open.
    assertThatThrownBy(() -> BoundedInput.readFile(fifo, 1024))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void refusesADirectory() {
    assertThatThrownBy(() -> BoundedInput.readFile(dir, 1024))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("a directory");
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> BoundedInput.readFile(dir.resolve("absent"), 1024)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void readsARegularFileAndRefusesALargerOne() throws IOException {
    Path file = dir.resolve("f");
    Files.write(file, new byte[100]);
    assertThat(BoundedInput.readFile(file, 100)).hasSize(100);
    assertThatThrownBy(() -> BoundedInput.readFile(file, 99)).isInstanceOf(InputTooLargeException.class);
  }

  @Test
  void escapesTheFileNameInTheMessage() throws IOException {
    Path file = dir.resolve("a\u001b]0;x");
    Files.write(file, new byte[2]);
    assertThatThrownBy(() -> BoundedInput.readFile(file, 1))
        .hasMessageContaining("a<U+001B>]0;x")
        .hasMessageNotContaining("\u001b");
  }
}
