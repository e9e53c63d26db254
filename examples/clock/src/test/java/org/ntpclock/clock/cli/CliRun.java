package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;

/** One in-process run of the tool: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Asserts success and exactly one JSON object on stdout, nothing on stderr. */
  JsonObject json() {
    assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
    assertThat(err).isEmpty();
    return Json.parseObject(out);
  }

  /** Asserts the exit code, an empty stdout and one line on stderr containing every fragment. */
  CliRun fails(int code, String... fragments) {
    assertThat(exitCode).as("exit code; out: %s err: %s", out, err).isEqualTo(code);
    assertThat(err).endsWith("\n");
    assertThat(err.strip()).as("one line on stderr").doesNotContain("\n").contains(fragments);
    return this;
  }
}
