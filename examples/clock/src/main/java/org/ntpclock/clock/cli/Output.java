package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;

/** Prints a command's result either as one JSON object or as a readable two-column table. */
final class Output {
  private Output() {}

  static void print(PrintWriter out, JsonObject result, boolean json) {
    if (json) {
      out.println(Json.write(result, true));
    } else {
      List<String[]> rows = new ArrayList<>();
      flatten("", result, rows);
      int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
      for (String[] row : rows) {
        out.println(String.format("%-" + width + "s  %s", row[0], row[1]).stripTrailing());
      }
    }
    out.flush();
  }

  private static void flatten(String prefix, JsonObject object, List<String[]> rows) {
    for (Map.Entry<String, Object> e : object.members().entrySet()) {
      String key = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof JsonObject nested) {
        flatten(key + ".", nested, rows);
      } else if (value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof JsonObject)) {
        if (list.isEmpty()) {
          rows.add(new String[] {key, "(none)"});
        }
        for (int i = 0; i < list.size(); i++) {
          rows.add(new String[] {key + "[" + i + "]", text(list.get(i))});
        }
      } else {
        rows.add(new String[] {key, text(value)});
      }
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof JsonObject o) {
      return o.members().entrySet().stream()
          .map(e -> e.getKey() + "=" + (e.getValue() instanceof JsonObject ? "{" + text(e.getValue()) + "}" : text(e.getValue())))
          .collect(Collectors.joining(" "));
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "(none)" : list.stream().map(Output::text).collect(Collectors.joining(", ", "(", ")"));
    }
    return Json.write(value, false);
  }
}
