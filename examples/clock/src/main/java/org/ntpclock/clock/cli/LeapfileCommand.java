package org.ntpclock.clock.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ntpclock.epoch.LeapFileException;
import org.ntpclock.epoch.LeapFileStatus;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.clock.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntpclock leapfile}: verifies a {@code leap-seconds.list}. */
@Command(
    name = "leapfile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Verify a leap-seconds.list file (the bundled IERS copy if no FILE).",
      "",
      "Checks its SHA-1 hash (the #h line), its format and its expiry. Exit 1 for a bad hash or a "
          + "bad line; with a bad hash the entries are still listed as the file states them, so you "
          + "can see what was changed."
    })
final class LeapfileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to verify (default: the bundled copy).")
  Path file;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    if (file == null) {
      print(LeapSecondTable.bundled(), LeapSecondTable.bundled().hashStatus(), now);
      return 0;
    }
    String text = read(file);
    try {
      LeapSecondTable table = LeapSecondTable.parse(text);
      print(table, table.hashStatus(), now);
      return 0;
    } catch (LeapFileException e) {
      if (e.status() == LeapFileStatus.BAD_HASH) {
        // Show what the altered file claims, read without its (failing) hash line.
        try {
          print(LeapSecondTable.parse(withoutHashLine(text)), LeapFileStatus.BAD_HASH, now);
        } catch (LeapFileException ignored) {
          // Nothing readable beyond the hash failure itself.
        }
        throw CliException.failed(file + ": hash mismatch: the #h SHA-1 does not match the data (file altered or damaged)");
      }
      String line = e.lineNumber() > 0 ? lineAt(text, e.lineNumber()) : null;
      throw CliException.failed(file + (e.lineNumber() > 0 ? ":" + e.lineNumber() : "") + ": bad format: "
          + e.getMessage() + (line != null ? ": \"" + line.strip() + "\"" : ""));
    }
  }

  private void print(LeapSecondTable table, LeapFileStatus hash, Instant now) {
    List<Object> entries = new ArrayList<>();
    for (LeapSecondTable.Entry entry : table.entries()) {
      entries.add(JsonObject.create().put("from", entry.start().toString()).put("taiMinusUtc", entry.taiMinusUtc()));
    }
    JsonObject o = JsonObject.create()
        .put("hash", switch (hash) {
          case GOOD_HASH -> "good";
          case NO_HASH -> "none";
          default -> "bad";
        })
        .put("updated", table.updated().toString())
        .put("expires", table.expires().toString())
        .put("expired", table.isExpired(now))
        .put("entries", entries);
    Output.print(spec.commandLine().getOut(), o, json.json);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw CliException.usage("file not found: " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String withoutHashLine(String text) {
    return text.lines().filter(l -> !l.startsWith("#h")).collect(Collectors.joining("\n", "", "\n"));
  }

  private static String lineAt(String text, int lineNumber) {
    return text.lines().skip(lineNumber - 1L).findFirst().orElse(null);
  }
}
