package org.ntpclock.codec.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of classic pcap files (as {@code tshark -F pcap} writes them) that extracts UDP
 * datagrams, so that captured payloads reach the codec without passing through tshark's NTP
 * dissector.
 */
final class Pcap {
  /** One captured UDP datagram. */
  record Datagram(int sourcePort, int destinationPort, byte[] payload) {
    @Override
    public String toString() {
      return sourcePort + "->" + destinationPort + " " + payload.length + " octets";
    }
  }

  private Pcap() {}

  static List<Datagram> udpDatagrams(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    if (b.remaining() < 24) {
      throw new IOException("not a pcap file (too short): " + file);
    }
    int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      b.order(ByteOrder.BIG_ENDIAN);
      magic = b.getInt(0);
      if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
        throw new IOException("not a classic pcap file: " + file);
      }
    }
    int linkType = b.getInt(20);
    List<Datagram> out = new ArrayList<>();
    int pos = 24;
    while (pos + 16 <= b.limit()) {
      int caplen = b.getInt(pos + 8);
      int start = pos + 16;
      if (caplen < 0 || start + caplen > b.limit()) {
        break;
      }
      byte[] frame = Arrays.copyOfRange(b.array(), start, start + caplen);
      Datagram d = parse(frame, linkType);
      if (d != null) {
        out.add(d);
      }
      pos = start + caplen;
    }
    return out;
  }

  private static Datagram parse(byte[] f, int linkType) {
    ByteBuffer b = ByteBuffer.wrap(f);
    int ip;
    int etherType;
    switch (linkType) {
      case 1: // Ethernet (Linux loopback)
        etherType = b.getShort(12) & 0xFFFF;
        ip = 14;
        break;
      case 113: // Linux cooked v1
        etherType = b.getShort(14) & 0xFFFF;
        ip = 16;
        break;
      case 276: // Linux cooked v2
        etherType = b.getShort(0) & 0xFFFF;
        ip = 20;
        break;
      case 101: // raw IP
        etherType = (f[0] >> 4) == 6 ? 0x86DD : 0x0800;
        ip = 0;
        break;
      default:
        return null;
    }
    int udp;
    if (etherType == 0x0800) {
      if ((f[ip + 9] & 0xFF) != 17) {
        return null;
      }
      udp = ip + 4 * (f[ip] & 0x0F);
    } else if (etherType == 0x86DD) {
      if ((f[ip + 6] & 0xFF) != 17) {
        return null;
      }
      udp = ip + 40;
    } else {
      return null;
    }
    int length = b.getShort(udp + 4) & 0xFFFF;
    return new Datagram(b.getShort(udp) & 0xFFFF, b.getShort(udp + 2) & 0xFFFF,
        Arrays.copyOfRange(f, udp + 8, Math.min(f.length, udp + length)));
  }
}
