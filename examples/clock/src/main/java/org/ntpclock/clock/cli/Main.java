package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code java -jar ntpclock.jar}. */
public final class Main {
  private Main() {}

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // diozero logs (through tinylog) warnings and stack traces about the board it runs on; the
    // tool's own errors are one line. -Dtinylog.writer.level=warn brings its log back.
    if (System.getProperty("tinylog.writer.level") == null) {
      System.setProperty("tinylog.writer.level", "off");
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(Cli.execute(out, err, args));
  }
}
