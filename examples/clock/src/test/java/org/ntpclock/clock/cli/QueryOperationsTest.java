package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.testing.ClosedPort;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;

/** {@code query} as a tool: servers at once, progress, one JSON object always, clear causes. */
class QueryOperationsTest {
  /**
   * Servers that answer only once every one of them has a request in hand: a client that asks one
   * after the other never gets its first answer.
   */
  static final class RendezvousServers implements AutoCloseable {
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch allAsked;

    RendezvousServers(int count) throws IOException {
      allAsked = new CountDownLatch(count);
      for (int i = 0; i < count; i++) {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channels.add(ch);
        Thread t = new Thread(() -> serve(ch), "rendezvous-server");
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    private void serve(DatagramChannel ch) {
      ByteBuffer in = ByteBuffer.allocate(512);
      boolean counted = false;
      try {
        while (true) {
          in.clear();
          SocketAddress from = ch.receive(in);
          if (!counted) {
            allAsked.countDown();
            counted = true;
          }
          // Bounded: a sequential client's request is left unanswered once this wait ends.
          if (!allAsked.await(20, TimeUnit.SECONDS)) {
            continue;
          }
          Instant now = Instant.now();
          long t = NtpTimestamp.bitsOf(now.getEpochSecond(), now.getNano());
          ByteBuffer b = ByteBuffer.allocate(48);
          b.put(0, (byte) 0x24).put(1, (byte) 2).put(3, (byte) -20).putInt(12, 0xC000_0201);
          b.putLong(16, t).putLong(24, in.getLong(40)).putLong(32, t).putLong(40, t);
          ch.send(b, from);
        }
      } catch (ClosedChannelException e) {
        // closed by the test
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    List<String> addresses() throws IOException {
      List<String> list = new ArrayList<>();
      for (DatagramChannel ch : channels) {
        list.add("127.0.0.1:" + ((InetSocketAddress) ch.getLocalAddress()).getPort());
      }
      return list;
    }

    @Override
    public void close() throws IOException {
      for (DatagramChannel ch : channels) {
        ch.close();
      }
      for (Thread t : threads) {
        t.interrupt();
        try {
          t.join(5000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Test
  @Timeout(60)
  void theServersAreQueriedAtTheSameTime() throws Exception {
    try (RendezvousServers servers = new RendezvousServers(3)) {
      List<String> args = new ArrayList<>(List.of("query", "--json", "--timeout", "10"));
      args.addAll(servers.addresses());
      JsonObject o = CliRun.of(args.toArray(String[]::new)).json();
      assertThat((List<?>) o.get("servers")).hasSize(3).allSatisfy(s -> assertThat(((JsonObject) s).get("error")).isNull());
      assertThat(((JsonObject) o.get("combined")).get("truechimers")).hasToString("3");
    }
  }

  @Test
  @Timeout(60)
  void threeDeadServersFailTogetherWithOneJsonObject() throws Exception {
    List<String> args = new ArrayList<>(List.of("query", "--json", "--timeout", "0.3"));
    List<DatagramSocket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        silent.add(s);
        args.add("127.0.0.1:" + s.getLocalPort());
      }
      CliRun run = CliRun.of(args.toArray(String[]::new)).fails(1, "no server answered", "timeout");
      JsonObject o = Json.parseObject(run.out());
      assertThat(((JsonObject) o.get("error")).get("reason")).isEqualTo("no_server_answered");
      assertThat((List<?>) o.get("servers")).hasSize(3).allSatisfy(s ->
          assertThat(((JsonObject) ((JsonObject) s).get("error")).get("reason")).isEqualTo("timeout"));
    } finally {
      silent.forEach(DatagramSocket::close);
    }
  }

  @Test
  void oneFailedServerStillPrintsOneJsonObject() throws Exception {
    int port;
    CliRun run;
    try (ClosedPort closed = ClosedPort.open()) {
      port = closed.port();
      run = CliRun.of("query", "--json", "--timeout", "5", "127.0.0.1:" + port)
          .fails(1, "ntpclock query:", "127.0.0.1:" + port + ": port unreachable");
    }
    JsonObject o = Json.parseObject(run.out());
    assertThat(o.get("server")).isEqualTo("127.0.0.1:" + port);
    assertThat(((JsonObject) o.get("error")).get("reason")).isEqualTo("port_unreachable");
    assertThat(((JsonObject) o.get("error")).get("message")).isEqualTo("port unreachable");
  }

  @Test
  void versionIsTheToolsAndNtpVersionTheProtocols() {
    CliRun version = CliRun.of("query", "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("ntpclock ");
    CliRun.of("query", "--ntp-version", "5", "127.0.0.1").fails(2, "--ntp-version", "3 or 4");
  }

  @Test
  @Timeout(60)
  void progressLinesGoToStderrOnlyWhenAsked() throws Exception {
    try (RendezvousServers servers = new RendezvousServers(2)) {
      List<String> args = new ArrayList<>(List.of("query", "--progress", "--timeout", "10"));
      args.addAll(servers.addresses());
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err().lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\[[12]/2] 127\\.0\\.0\\.1:\\d+ sample 1/1: offset .*"));
      args.set(1, "--quiet");
      args.add(1, "--progress");
      CliRun quiet = CliRun.of(args.toArray(String[]::new));
      assertThat(quiet.err()).isEmpty();
    }
  }
}
