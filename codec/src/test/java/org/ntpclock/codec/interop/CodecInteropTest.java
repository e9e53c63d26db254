package org.ntpclock.codec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.client.Exchange;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.Mac;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.client.ResponseValidator;
import org.ntpclock.codec.client.ValidationResult;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.codec.server.Interop;
import org.ntpclock.core.testing.ChronyServer;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;

/**
 * Interop with real programs on loopback (issue 4 "Must show"): packets sent by chronyd (as
 * {@code -Q} client and as server), python3-ntplib and ntpdig are captured with tshark, decoded,
 * and re-encoded byte for byte; packets this codec encodes, with extension fields and MACs, are
 * dissected by tshark with every header field equal to ours.
 *
 * <p>Captured datagrams are also copied to {@code target/interop-captures/} (the seed corpus of
 * {@code PacketDecoderFuzzTest} holds a committed selection).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CodecInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path tmp;

  // ------------------------------------------------------------------------------------------
  // Packets from real programs decode and re-encode byte for byte

  @Test
  @RequiresTool({"chronyd", "tshark"})
  void chronyClientRequestAndOurReplyRoundTrip() throws Exception {
    try (CodecOnlyTestServer responder = CodecOnlyTestServer.start(0);
        TsharkCapture capture = TsharkCapture.start(responder.port(), 8, Duration.ofSeconds(30), tmp)) {
      ExternalProcess.Result run = ExternalProcess.run(Duration.ofSeconds(40), List.of(Tools.require("chronyd").toString(), "-Q", "-t", "20", "-u", "root",
          "pidfile " + tmp.resolve("q.pid"), "server 127.0.0.1 port " + responder.port() + " iburst maxsamples 1"));
      List<Pcap.Datagram> captured = capture.stop();
      // chronyd accepted the reply this codec encoded and measured with it.
      assertThat(run.output()).contains("System clock wrong by");
      assertThat(run.exitCode()).isZero();
      List<NtpPacket> requests = roundTrip(captured, responder.port(), true, "chrony-client");
      assertThat(requests).isNotEmpty().allSatisfy(p -> {
        assertThat(p.mode()).isEqualTo(Mode.CLIENT);
        assertThat(p.version()).isEqualTo(4);
        assertThat(p.transmitTimestamp().isUnknown()).isFalse();
      });
      assertThat(roundTrip(captured, responder.port(), false, "our-reply-to-chrony")).isNotEmpty();
      assertThat(responder.rejected).isEmpty();
    }
  }

  @Test
  @RequiresTool({"chronyd", "tshark"})
  void chronyServerRepliesRoundTripAndValidate() throws Exception {
    // ChronyServer checks that this chronyd alone holds its port, and tries another if not.
    try (ChronyServer chrony = ChronyServer.start(tmp, 3, null);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int port = chrony.port();
      InetSocketAddress server = chrony.address();
      List<NtpPacket> requests = List.of(
          NtpPacket.builder().precision(32).transmitTimestamp(NtpTimestamp.ofBits(RANDOM.nextLong())).build(),
          NtpPacket.builder().version(3).poll(6).transmitTimestamp(NtpTimestamp.ofBits(RANDOM.nextLong())).build(),
          NtpPacket.builder().transmitTimestamp(NtpTimestamp.ofBits(RANDOM.nextLong()))
              .addExtensionField(ExtensionField.of(0x7777, "ntpclock".getBytes(StandardCharsets.US_ASCII))).build());
      List<ValidationResult> results = new ArrayList<>();
      try (TsharkCapture capture = TsharkCapture.start(port, 2 * requests.size(), Duration.ofSeconds(30), tmp)) {
        for (NtpPacket request : requests) {
          long t1 = now();
          byte[] bytes = request.toByteArray();
          socket.send(new DatagramPacket(bytes, bytes.length, server));
          DatagramPacket dp = new DatagramPacket(new byte[2048], 2048);
          socket.setSoTimeout(5000);
          socket.receive(dp);
          long t4 = now();
          NtpPacket reply = NtpPacket.decode(java.util.Arrays.copyOf(dp.getData(), dp.getLength()), ParsePolicy.client());
          results.add(ResponseValidator.validate(reply, Exchange.dataMinimized(request.transmitTimestamp().toBits(), t1, t4)
              .withSource(server, (InetSocketAddress) dp.getSocketAddress())));
        }
        List<Pcap.Datagram> captured = capture.stop();
        assertThat(roundTrip(captured, port, true, "our-request-to-chrony")).hasSize(requests.size());
        List<NtpPacket> replies = roundTrip(captured, port, false, "chrony-server");
        assertThat(replies).hasSize(requests.size()).allSatisfy(p -> {
          assertThat(p.mode()).isEqualTo(Mode.SERVER);
          assertThat(p.stratum()).isEqualTo(3); // "local stratum 3"
        });
        assertThat(replies.get(1).version()).isEqualTo(3);
      }
      // A real server's replies pass every check of the client checklist.
      assertThat(results).allSatisfy(r -> assertThat(r.isValid()).as(r.toString()).isTrue());
    }
  }

  @Test
  @RequiresTool(value = {"tshark"}, python = {"ntplib"})
  void ntplibRequestsAndOurRepliesRoundTrip() throws Exception {
    try (CodecOnlyTestServer responder = CodecOnlyTestServer.start(0);
        TsharkCapture capture = TsharkCapture.start(responder.port(), 4, Duration.ofSeconds(30), tmp)) {
      String script = "import ntplib\n"
          + "c = ntplib.NTPClient()\n"
          + "for v in (3, 4):\n"
          + "    r = c.request('127.0.0.1', version=v, port=" + responder.port() + ", timeout=5)\n"
          + "    print('version', r.version, 'mode', r.mode, 'stratum', r.stratum, 'offset', r.offset, 'ref', ntplib.ref_id_to_text(r.ref_id, r.stratum))\n";
      ExternalProcess.Result run = ExternalProcess.run(Duration.ofSeconds(30), List.of(Tools.python(), "-c", script));
      List<Pcap.Datagram> captured = capture.stop();
      assertThat(run.exitCode()).as(run.output()).isZero();
      // ntplib parsed the replies this codec encoded.
      assertThat(run.output()).contains("version 3 mode 4 stratum 1", "version 4 mode 4 stratum 1", "ref Global Position System");
      List<NtpPacket> requests = roundTrip(captured, responder.port(), true, "ntplib");
      assertThat(requests).extracting(NtpPacket::version).containsExactly(3, 4);
      assertThat(requests).allSatisfy(p -> assertThat(p.mode()).isEqualTo(Mode.CLIENT));
      assertThat(roundTrip(captured, responder.port(), false, "our-reply-to-ntplib")).hasSize(2);
    }
  }

  @Test
  @RequiresTool({"ntpdig", "tshark"})
  void ntpdigRequestAndOurReplyRoundTrip() throws Exception {
    // ntpdig always asks port 123: serve a free port and run ntpdig with that lookup redirected.
    CodecOnlyTestServer responder = CodecOnlyTestServer.start(0);
    List<String> command = Interop.ntpdigCommand(responder.port(), "-t", "5");
    try (CodecOnlyTestServer r = responder;
        TsharkCapture capture = TsharkCapture.start(r.port(), 2, Duration.ofSeconds(30), tmp)) {
      ExternalProcess.Result run = ExternalProcess.run(Duration.ofSeconds(30), command);
      List<Pcap.Datagram> captured = capture.stop();
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("127.0.0.1").contains(" s1 "); // ntpdig reports our stratum 1
      List<NtpPacket> requests = roundTrip(captured, r.port(), true, "ntpdig");
      assertThat(requests).hasSize(1).allSatisfy(p -> assertThat(p.mode()).isEqualTo(Mode.CLIENT));
      assertThat(roundTrip(captured, r.port(), false, "our-reply-to-ntpdig")).hasSize(1);
    }
  }

  // ------------------------------------------------------------------------------------------
  // What this codec encodes, tshark dissects to the same fields

  @Test
  @RequiresTool({"tshark"})
  void tsharkDissectsEncodedPacketsToOurFields() throws Exception {
    List<NtpPacket> packets = samplePackets();
    // The packets go to a socket of ours that stays bound, so no other process can take the port.
    try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TsharkCapture capture = TsharkCapture.start(sink.getLocalPort(), packets.size(), Duration.ofSeconds(30), tmp)) {
      int port = sink.getLocalPort();
      InetSocketAddress target = (InetSocketAddress) sink.getLocalSocketAddress();
      for (NtpPacket p : packets) {
        byte[] bytes = p.toByteArray();
        socket.send(new DatagramPacket(bytes, bytes.length, target));
      }
      List<Pcap.Datagram> captured = capture.stop();
      assertThat(captured).hasSize(packets.size());
      ExternalProcess.Result pdml = ExternalProcess.run(Duration.ofSeconds(60), List.of(Tools.require("tshark").toString(), "-r", capture.file().toString(),
          "-d", "udp.port==" + port + ",ntp", "-T", "pdml"));
      assertThat(pdml.exitCode()).isZero();
      List<Map<String, List<Pdml.Field>>> dissected = Pdml.ntpPackets(pdml.output());
      assertThat(dissected).hasSize(packets.size());
      for (int i = 0; i < packets.size(); i++) {
        assertDissectedAs(dissected.get(i), packets.get(i));
      }
    }
  }

  private static List<NtpPacket> samplePackets() {
    long now = now();
    List<NtpPacket> list = new ArrayList<>();
    NtpPacket.Builder server = NtpPacket.builder().mode(Mode.SERVER).stratum(2).poll(6).precision(-23)
        .rootDelay(NtpShort.ofBits(566)).rootDispersion(NtpShort.ofBits(951))
        .referenceId(ReferenceId.ofBits(0xc035676c)).referenceTimestamp(NtpTimestamp.ofBits(now - (64L << 32)))
        .originTimestamp(NtpTimestamp.ofBits(now - 1000)).receiveTimestamp(NtpTimestamp.ofBits(now - 500))
        .transmitTimestamp(NtpTimestamp.ofBits(now));
    list.add(server.build());
    list.add(server.addExtensionField(ExtensionField.of(0x2005, new byte[] {1, 2, 3, 4, 5})).build());
    list.add(server.mac(Mac.of(42, bytes(20, 7))).build());
    list.add(server.clearExtensionFields().mac(Mac.of(0xFFFF_FFFFL, bytes(16, 3))).build());
    list.add(server.clearExtensionFields().addExtensionField(ExtensionField.of(0x0104, bytes(32, 9)))
        .addExtensionField(ExtensionField.of(0x0204, bytes(100, 1))).mac(Mac.of(1, bytes(20, 5))).build());
    list.add(server.clearExtensionFields().noMac().cryptoNak().build());
    list.add(NtpPacket.builder().version(3).mode(Mode.SERVER).stratum(1).precision(-128).poll(127)
        .rootDelay(NtpShort.MAX).rootDispersion(NtpShort.ofBits(0x8000_0000L)).referenceId(ReferenceId.ofAscii("PPS"))
        .referenceTimestamp(NtpTimestamp.ofBits(now)).originTimestamp(NtpTimestamp.ofBits(0x0000_0001_8000_0000L))
        .receiveTimestamp(NtpTimestamp.ofBits(0x7fff_ffff_ffff_ffffL)).transmitTimestamp(NtpTimestamp.ofBits(now))
        .mac(Mac.of(7, bytes(64, 11))).build());
    list.add(NtpPacket.builder().leap(LeapIndicator.UNSYNCHRONIZED).mode(Mode.SERVER).kissCode(KissCode.RATE)
        .originTimestamp(NtpTimestamp.ofBits(now)).build());
    list.add(NtpPacket.builder().leap(LeapIndicator.LAST_MINUTE_61).precision(32)
        .transmitTimestamp(NtpTimestamp.ofBits(RANDOM.nextLong() | Long.MIN_VALUE)).build());
    list.add(NtpPacket.builder().leap(LeapIndicator.LAST_MINUTE_59).mode(Mode.SYMMETRIC_ACTIVE).stratum(15)
        .poll(-3).precision(-6).referenceId(ReferenceId.ofBits(0x0a000001)).transmitTimestamp(NtpTimestamp.ofBits(now))
        .build());
    list.add(NtpPacket.builder().mode(Mode.BROADCAST).stratum(16).version(4)
        .transmitTimestamp(NtpTimestamp.ofBits(now)).build());
    return list;
  }

  private static void assertDissectedAs(Map<String, List<Pdml.Field>> f, NtpPacket p) {
    String what = p.toString();
    assertThat(show(f, "ntp.flags.li")).as(what).isEqualTo(String.valueOf(p.leap().code()));
    assertThat(show(f, "ntp.flags.vn")).as(what).isEqualTo(String.valueOf(p.version()));
    assertThat(show(f, "ntp.flags.mode")).as(what).isEqualTo(String.valueOf(p.mode().code()));
    assertThat(show(f, "ntp.stratum")).as(what).isEqualTo(String.valueOf(p.stratum()));
    // tshark shows poll and precision as unsigned octets.
    assertThat(show(f, "ntp.ppoll")).as(what).isEqualTo(String.valueOf(p.poll() & 0xFF));
    assertThat(show(f, "ntp.precision")).as(what).isEqualTo(String.valueOf(p.precision() & 0xFF));
    assertThat(Long.parseLong(show(f, "ntp.rootdelay"))).as(what).isEqualTo(p.rootDelay().toBits());
    assertThat(Long.parseLong(show(f, "ntp.rootdispersion"))).as(what).isEqualTo(p.rootDispersion().toBits());
    assertThat(value(f, "ntp.refid")).as(what).isEqualTo(p.referenceId().toHex());
    assertTimestamp(f, "ntp.reftime", p.referenceTimestamp(), what);
    assertTimestamp(f, "ntp.org", p.originTimestamp(), what);
    assertTimestamp(f, "ntp.rec", p.receiveTimestamp(), what);
    assertTimestamp(f, "ntp.xmt", p.transmitTimestamp(), what);
    List<Pdml.Field> types = f.getOrDefault("ntp.ext.type", List.of());
    List<Pdml.Field> lengths = f.getOrDefault("ntp.ext.length", List.of());
    assertThat(types).as(what).hasSize(p.extensionFields().size());
    for (int i = 0; i < types.size(); i++) {
      ExtensionField ef = p.extensionFields().get(i);
      assertThat(Integer.parseInt(types.get(i).value(), 16)).as(what).isEqualTo(ef.type());
      assertThat(Integer.parseInt(lengths.get(i).show())).as(what).isEqualTo(ef.length());
    }
    if (p.mac().isPresent()) {
      Mac mac = p.mac().get();
      assertThat(Long.parseLong(value(f, "ntp.keyid"), 16)).as(what).isEqualTo(mac.keyId());
      if (!mac.isCryptoNak()) {
        assertThat(value(f, "ntp.mac")).as(what).isEqualTo(hex(mac.digest()));
      }
    } else {
      assertThat(f).as(what).doesNotContainKeys("ntp.keyid", "ntp.mac");
    }
  }

  private static final DateTimeFormatter TSHARK_TIME =
      DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss.SSSSSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** tshark shows raw bits and a date; the raw bits must be ours and the date our era-resolved instant. */
  private static void assertTimestamp(Map<String, List<Pdml.Field>> f, String name, NtpTimestamp t, String what) {
    assertThat(value(f, name)).as(what + " " + name).isEqualTo(String.format("%016x", t.toBits()));
    String show = show(f, name);
    if (t.isUnknown()) {
      assertThat(show).as(name).isEqualTo("NULL");
      return;
    }
    Instant theirs = Instant.from(TSHARK_TIME.parse(show.replace(" UTC", "").replaceAll(" +", " ")));
    Instant ours = t.toInstant();
    // tshark truncates the fraction to nanoseconds through a double; allow that last nanosecond.
    assertThat(Math.abs(ChronoUnit.NANOS.between(ours, theirs))).as(what + " " + name + " " + show).isLessThanOrEqualTo(1);
  }

  private static String show(Map<String, List<Pdml.Field>> f, String name) {
    assertThat(f).as("tshark field " + name).containsKey(name);
    return f.get(name).get(0).show();
  }

  private static String value(Map<String, List<Pdml.Field>> f, String name) {
    assertThat(f).as("tshark field " + name).containsKey(name);
    return f.get(name).get(0).value();
  }

  // ------------------------------------------------------------------------------------------
  // Helpers

  /**
   * Decodes every captured datagram going to ({@code toPort} true) or coming from the port, checks
   * that it re-encodes to exactly the captured octets, and keeps a copy under target/.
   */
  private static List<NtpPacket> roundTrip(List<Pcap.Datagram> captured, int port, boolean toPort, String label)
      throws IOException {
    List<NtpPacket> packets = new ArrayList<>();
    Path keep = Path.of("target", "interop-captures");
    Files.createDirectories(keep);
    int n = 0;
    for (Pcap.Datagram d : captured) {
      if ((toPort ? d.destinationPort() : d.sourcePort()) != port) {
        continue;
      }
      NtpPacket p;
      try {
        p = NtpPacket.decode(d.payload(), ParsePolicy.server());
      } catch (NtpDecodeException e) {
        throw new AssertionError(label + ": captured datagram does not decode: " + e + " " + hex(d.payload()), e);
      }
      assertThat(p.toByteArray()).as(label + " re-encodes byte for byte").isEqualTo(d.payload());
      packets.add(p);
      Files.write(keep.resolve(label + "-" + n++), d.payload());
    }
    return packets;
  }

  private static long now() {
    return NtpTimestamp.fromInstant(Instant.now()).toBits();
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return b;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
