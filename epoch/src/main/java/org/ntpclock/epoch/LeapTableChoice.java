package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ntpclock.core.input.BoundedInput;
import org.ntpclock.core.input.SafeText;

/**
 * The newest leap-second table available, and why: the bundled copy, the system's files and one the
 * user names are each loaded and verified ({@code leap-seconds.list} with its SHA-1 checked, or the
 * tz database's {@code leapseconds}), and the acceptable one that expires last is taken. On a tie
 * the user's file wins over the system's, the system's over the bundled copy, and a verified hash
 * over none. A file that is missing, unreadable, malformed or fails its hash is reported, never
 * taken.
 *
 * <p>The choice is made once, when the factory runs; a long-running program calls it again to pick
 * up a refreshed file. Immutable.
 */
public final class LeapTableChoice {
  /** The tz database's copy of the IERS file, as tzdata installs it. */
  public static final Path SYSTEM_LEAP_SECONDS_LIST = Path.of("/usr/share/zoneinfo/leap-seconds.list");
  /** The tz database's {@code leapseconds} file (zic's input format), as tzdata installs it. */
  public static final Path SYSTEM_LEAPSECONDS = Path.of("/usr/share/zoneinfo/leapseconds");

  private static final Pattern TZ_LEAP_LINE = Pattern.compile("(?m)^Leap\\s");

  /** Where a candidate comes from, in increasing precedence on a tie. */
  public enum Origin {
    /** The copy bundled with this library ({@link LeapSecondTable#bundled()}). */
    BUNDLED,
    /** A file the operating system installs (tzdata). */
    SYSTEM,
    /** A file the user named. */
    USER
  }

  /**
   * One candidate and what became of it.
   *
   * @param origin where it comes from
   * @param location the file, or {@code bundled}
   * @param table the loaded table, if it was acceptable
   * @param rejection why it was not, if it was not
   */
  public record Candidate(Origin origin, String location, Optional<LeapSecondTable> table, Optional<String> rejection) {
    /**
     * Checks the components.
     *
     * @param origin where it comes from
     * @param location the file or {@code bundled}
     * @param table the table if acceptable
     * @param rejection the reason otherwise
     * @throws IllegalArgumentException unless exactly one of {@code table} and {@code rejection} is present
     */
    public Candidate {
      checkNotNull(origin, "origin");
      checkNotNull(location, "location");
      checkNotNull(table, "table");
      checkNotNull(rejection, "rejection");
      checkArgument(table.isPresent() != rejection.isPresent(), "a candidate has a table or a rejection");
    }

    /**
     * A one-line description, e.g. {@code /usr/share/zoneinfo/leap-seconds.list (expires
     * 2026-06-28T00:00:00Z, GOOD_HASH)} or {@code /tmp/x (rejected: ...)}.
     *
     * @return the description
     */
    public String describe() {
      return table.map(t -> location + " (expires " + t.expires() + ", " + t.hashStatus() + ")")
          .orElseGet(() -> location + " (rejected: " + rejection.orElseThrow() + ")");
    }
  }

  private final Candidate chosen;
  private final List<Candidate> candidates;

  private LeapTableChoice(Candidate chosen, List<Candidate> candidates) {
    this.chosen = chosen;
    this.candidates = List.copyOf(candidates);
  }

  /**
   * The newest of the bundled table and the system's files.
   *
   * @return the choice
   */
  public static LeapTableChoice newest() {
    return newest(Optional.empty());
  }

  /**
   * The newest of the bundled table, the system's files and a file the user names.
   *
   * @param userFile a {@code leap-seconds.list} or tz {@code leapseconds} file, if any
   * @return the choice
   */
  public static LeapTableChoice newest(Optional<Path> userFile) {
    return newest(List.of(SYSTEM_LEAP_SECONDS_LIST, SYSTEM_LEAPSECONDS), userFile);
  }

  /**
   * The newest of the bundled table, the given system files and a user's file. A system file that
   * does not exist is left out silently (not every machine has tzdata); a missing user file is
   * reported as rejected.
   *
   * @param systemFiles system files to consider, in either format
   * @param userFile the user's file, if any
   * @return the choice (the bundled table when nothing else is acceptable)
   */
  public static LeapTableChoice newest(List<Path> systemFiles, Optional<Path> userFile) {
    checkNotNull(systemFiles, "systemFiles");
    checkNotNull(userFile, "userFile");
    List<Candidate> all = new ArrayList<>();
    all.add(new Candidate(Origin.BUNDLED, "bundled", Optional.of(LeapSecondTable.bundled()), Optional.empty()));
    for (Path p : systemFiles) {
      if (Files.exists(p)) {
        all.add(load(Origin.SYSTEM, p));
      }
    }
    userFile.ifPresent(p -> all.add(load(Origin.USER, p)));
    Candidate best = all.get(0);
    for (Candidate c : all) {
      if (c.table().isPresent() && isBetter(c, best)) {
        best = c;
      }
    }
    return new LeapTableChoice(best, all);
  }

  /** Later expiry wins; on a tie a verified hash, then the later origin (user over system over bundled). */
  private static boolean isBetter(Candidate c, Candidate best) {
    LeapSecondTable a = c.table().orElseThrow();
    LeapSecondTable b = best.table().orElseThrow();
    int byExpiry = a.expires().compareTo(b.expires());
    if (byExpiry != 0) {
      return byExpiry > 0;
    }
    if (a.hashStatus() != b.hashStatus()) {
      return a.hashStatus() == LeapFileStatus.GOOD_HASH;
    }
    return c.origin().compareTo(best.origin()) >= 0;
  }

  private static Candidate load(Origin origin, Path file) {
    String location = file.toString();
    // A FIFO would block the open and a device never ends: only a regular file is opened.
    try (InputStream in = BoundedInput.openRegularFile(file)) {
      byte[] bytes = in.readNBytes(LeapFileParser.MAX_CHARS + 1);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      LeapSecondTable table = TZ_LEAP_LINE.matcher(text).find()
          ? LeapSecondTable.parseTzLeapseconds(text)
          : LeapSecondTable.parse(text);
      return new Candidate(origin, location, Optional.of(table), Optional.empty());
    } catch (IOException e) {
      return new Candidate(origin, location, Optional.empty(), Optional.of("cannot read: " + reason(e)));
    } catch (LeapFileException e) {
      return new Candidate(origin, location, Optional.empty(), Optional.of(e.status() + " " + e.getMessage()));
    }
  }

  /** Why a file could not be read, in words, without an exception class name. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "file not found";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String why = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    return SafeText.escape(why == null ? "input/output error" : why, SafeText.DEFAULT_MAX_CHARS);
  }

  /**
   * The table taken.
   *
   * @return the newest acceptable table
   */
  public LeapSecondTable table() {
    return chosen.table().orElseThrow();
  }

  /**
   * The candidate taken.
   *
   * @return the chosen candidate
   */
  public Candidate chosen() {
    return chosen;
  }

  /**
   * Every candidate considered, the bundled one first, then the system's, then the user's.
   *
   * @return the immutable list
   */
  public List<Candidate> candidates() {
    return candidates;
  }

  /**
   * What was taken and what else was considered, for a log line, e.g. {@code bundled (expires
   * 2027-06-28T00:00:00Z, GOOD_HASH); also considered /usr/share/zoneinfo/leap-seconds.list
   * (expires 2026-06-28T00:00:00Z, GOOD_HASH)}.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(chosen.describe());
    String sep = "; also considered ";
    for (Candidate c : candidates) {
      if (c != chosen) {
        sb.append(sep).append(c.describe());
        sep = ", ";
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "LeapTableChoice[" + describe() + "]";
  }
}
