package org.ntpclock.codec.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the NTP fields of tshark's PDML output: per packet, field name to its (show, value) list. */
final class Pdml {
  /** One dissected field. */
  record Field(String show, String value) {}

  private static final Pattern FIELD = Pattern.compile("<field ([^>]*)>");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern SHOW = Pattern.compile("\\bshow=\"([^\"]*)\"");
  private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");

  private Pdml() {}

  static List<Map<String, List<Field>>> ntpPackets(String pdml) {
    List<Map<String, List<Field>>> packets = new ArrayList<>();
    for (String packet : pdml.split("<packet>")) {
      int ntp = packet.indexOf("<proto name=\"ntp\"");
      if (ntp < 0) {
        continue;
      }
      Map<String, List<Field>> fields = new LinkedHashMap<>();
      Matcher m = FIELD.matcher(packet.substring(ntp));
      while (m.find()) {
        String attrs = m.group(1);
        String name = group(NAME, attrs);
        if (name != null && name.startsWith("ntp.")) {
          fields.computeIfAbsent(name, k -> new ArrayList<>()).add(new Field(group(SHOW, attrs), group(VALUE, attrs)));
        }
      }
      packets.add(fields);
    }
    return packets;
  }

  private static String group(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }
}
