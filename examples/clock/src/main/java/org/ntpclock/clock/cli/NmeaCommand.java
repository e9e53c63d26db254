package org.ntpclock.clock.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ntpclock.core.input.BoundedInput;
import org.ntpclock.core.input.SafeText;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.epoch.nmea.NmeaException;
import org.ntpclock.epoch.nmea.NmeaTime;
import org.ntpclock.clock.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntpclock nmea}: decodes the times in an NMEA 0183 log. */
@Command(
    name = "nmea",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Decode the times in an NMEA 0183 log (a receiver's output, or a gpsd test log).",
      "",
      "RMC, ZDA, GGA, GNS and GLL sentences from any talker; checksums are verified; proprietary "
          + "and other sentences are counted and skipped; lines starting with # are comments. "
          + "Two-digit years and dates from receivers with the GPS week-rollover bug are resolved "
          + "against --near. Malformed lines are reported on stderr with line and column; exit 1 "
          + "if there were any."
    })
final class NmeaCommand implements Callable<Integer> {
  /** Longest line read; a longer one is skipped as malformed without being buffered. */
  private static final int MAX_LINE = 4096;

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(paramLabel = "FILE", description = "The log (a regular file), or - for standard input (a receiver's device or a FIFO).")
  String file;

  @Option(names = "--near", paramLabel = "INSTANT",
      description = "Reference for two-digit years and rollover correction, ISO 8601 (default: now).")
  String near;

  @Option(names = "--max-length", paramLabel = "N", defaultValue = "82",
      description = "Longest sentence accepted, counting CR LF (default: ${DEFAULT-VALUE}, the standard's; "
          + "some receivers need up to 128).")
  int maxLength;

  @Override
  public Integer call() {
    Instant reference = reference();
    if (maxLength < 8 || maxLength > MAX_LINE) {
      throw CliException.usage("invalid value for --max-length: " + maxLength + " (expected 8.." + MAX_LINE + ")");
    }
    NmeaDecoder decoder = NmeaDecoder.near(reference, maxLength);
    PrintWriter err = spec.commandLine().getErr();
    long sentences = 0;
    long checksumErrors = 0;
    long otherErrors = 0;
    List<Object> times = new ArrayList<>();
    InputStream opened = open();
    try (InputStream in = opened; BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
      StringBuilder line = new StringBuilder();
      int lineNumber = 0;
      boolean more = true;
      while (more) {
        line.setLength(0);
        boolean overlong = false;
        int c;
        while ((c = reader.read()) >= 0 && c != '\n') {
          if (line.length() < MAX_LINE) {
            line.append((char) c);
          } else {
            overlong = true;
          }
        }
        more = c >= 0;
        if (!more && line.length() == 0) {
          break;
        }
        lineNumber++;
        String text = line.toString().strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        sentences++;
        if (overlong) {
          otherErrors++;
          err.println(name() + ":" + lineNumber + ": TOO_LONG: more than " + MAX_LINE + " characters");
          continue;
        }
        try {
          Optional<NmeaTime> t = decoder.decode(text, lineNumber);
          if (t.isPresent()) {
            times.add(JsonObject.create()
                .put("line", t.get().line())
                .put("talker", t.get().talker())
                .put("type", t.get().type())
                .put("time", t.get().time().map(Object::toString).orElse(null))
                .put("valid", t.get().valid())
                .put("rolloverCorrected", t.get().rolloverCorrected()));
          }
        } catch (NmeaException e) {
          if (e.isChecksumError()) {
            checksumErrors++;
          } else {
            otherErrors++;
          }
          err.println(name() + ":" + SafeText.escape(e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw CliException.failed("cannot read " + name() + ": " + CliFiles.reason(e), e);
    }
    err.flush();
    JsonObject o = JsonObject.create()
        .put("sentences", sentences)
        .put("checksumErrors", checksumErrors)
        .put("times", times);
    Output.print(spec.commandLine().getOut(), o, json.json);
    return checksumErrors + otherErrors == 0 ? 0 : 1;
  }

  private String name() {
    return "-".equals(file) ? "<stdin>" : SafeText.escape(file, SafeText.DEFAULT_MAX_CHARS);
  }

  /**
   * Standard input, or the named log if it is a regular file: a FIFO, serial port or other device
   * is refused (redirect it to standard input, {@code -}), so that a named file always ends.
   */
  private InputStream open() {
    if ("-".equals(file)) {
      return new UncloseableStream(System.in);
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw CliException.usage("invalid value for FILE: " + SafeText.quote(file, SafeText.DEFAULT_MAX_CHARS) + " (not a file name)");
    }
    try {
      return BoundedInput.openRegularFile(path);
    } catch (IOException e) {
      throw CliFiles.invalid("FILE", path, e);
    }
  }

  private Instant reference() {
    if (near == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(near);
    } catch (DateTimeException e) {
      throw CliException.usage("invalid value for --near: '" + near + "' (expected an ISO 8601 instant, e.g. 2026-01-01T00:00:00Z)");
    }
  }

  /** Standard input, which the command must not close. */
  private static final class UncloseableStream extends java.io.FilterInputStream {
    UncloseableStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // leave System.in open
    }
  }
}
