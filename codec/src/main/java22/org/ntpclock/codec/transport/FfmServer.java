package org.ntpclock.codec.transport;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.ntpclock.codec.server.AddressBits;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.TimeSource;

/**
 * The FFM server transport: per worker a Linux UDP socket with {@code SO_TIMESTAMPNS} (one per
 * worker with {@code SO_REUSEPORT}, else one shared), a batch of {@code mmsghdr}s, buffers, address
 * and control space allocated once, {@code poll} on the socket and a stop {@code eventfd}, then
 * {@code recvmmsg} of up to {@link #BATCH} datagrams, one reply each written by the responder
 * (transmit timestamp read last) and one {@code sendmmsg} for the batch.
 *
 * <p>T2 is the kernel's arrival stamp of each datagram carried to the time source's scale (see
 * {@link KernelStamps}); a datagram without a stamp (never seen on Linux) gets the time of the batch.
 *
 * <p>A worker survives every error: it counts it and reports it through the configuration's
 * {@link WorkerErrors}, as the JDK channel transport does.
 */
final class FfmServer implements ServerTransport {
  static final int BATCH = 32;
  private static final int IN_SLOT = align(NtpResponder.MAX_REQUEST_LENGTH + 1);
  private static final int OUT_SLOT = align(NtpResponder.MAX_REQUEST_LENGTH);
  private static final int CONTROL_SLOT = 64;
  /** The served clock is read between kernel-clock reads up to this often per batch ... */
  private static final int CLOCK_BRACKETS = 3;
  /** ... stopping at the first bracket this narrow. */
  private static final long TIGHT_BRACKET_NANOS = 20_000;
  private static final Verdict[] VERDICTS = Verdict.values();

  private final ServerConfig config;
  private final List<Worker> workers;
  private final List<Integer> sockets;
  private final int stopFd;
  private final InetSocketAddress localAddress;
  private final boolean reusePort;
  private final Arena arena = Arena.ofShared();
  private volatile boolean running = true;
  private boolean closed;

  FfmServer(ServerConfig config) throws IOException {
    this.config = config;
    MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
    MemorySegment scratch = arena.allocate(Libc.SOCKADDR_ROOM, 8);
    MemorySegment length = arena.allocate(8, 8);
    List<Integer> opened = new ArrayList<>();
    int eventFd = -1;
    try {
      int family = Libc.family(config.bindAddress());
      boolean shared = !config.reusePort() || config.workers() == 1;
      // A reuse-port group binds a port checked to be free, so it never joins a stranger's.
      InetSocketAddress target = shared ? new InetSocketAddress(config.bindAddress(), config.port())
          : ExclusivePort.claim(config.bindAddress(), config.port());
      int first = openSocket(family, !shared, capture, scratch);
      opened.add(first);
      int addrLen = Libc.writeSockaddr(scratch, target.getAddress(), target.getPort());
      bind(first, scratch, addrLen, capture);
      length.set(JAVA_INT, 0, Libc.SOCKADDR_ROOM);
      int rc = (int) Libc.GETSOCKNAME.invokeExact(capture, first, scratch, length);
      if (rc != 0) {
        throw Libc.failure("getsockname", Libc.errno(capture));
      }
      this.localAddress = Libc.readSockaddr(scratch);
      if (!shared) {
        for (int i = 1; i < config.workers(); i++) {
          int fd = openSocket(family, true, capture, scratch);
          opened.add(fd);
          bind(fd, scratch, Libc.writeSockaddr(scratch, localAddress.getAddress(), localAddress.getPort()), capture);
        }
      }
      eventFd = (int) Libc.EVENTFD.invokeExact(capture, 0, Libc.EFD_CLOEXEC);
      if (eventFd < 0) {
        throw Libc.failure("eventfd", Libc.errno(capture));
      }
      this.reusePort = !shared;
    } catch (IOException | RuntimeException e) {
      opened.forEach(Libc::close);
      if (eventFd >= 0) {
        Libc.close(eventFd);
      }
      arena.close();
      throw e;
    } catch (Throwable t) {
      opened.forEach(Libc::close);
      arena.close();
      throw Libc.rethrow(t);
    }
    this.stopFd = eventFd;
    this.sockets = List.copyOf(opened);
    List<Worker> list = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      list.add(new Worker(sockets.get(reusePort ? i : 0), "ntpclock-ntp-" + localAddress.getPort() + "-" + i));
    }
    this.workers = List.copyOf(list);
    for (Worker w : workers) {
      w.thread.start();
    }
  }

  private int openSocket(int family, boolean reuse, MemorySegment capture, MemorySegment scratch)
      throws IOException {
    int fd = Libc.udpSocket(family, capture);
    try {
      if (reuse) {
        Libc.setIntOption(fd, Libc.SO_REUSEPORT, 1, scratch, capture);
      }
      Libc.setIntOption(fd, Libc.SO_TIMESTAMPNS, 1, scratch, capture);
      if (config.receiveBufferBytes() > 0) {
        Libc.setIntOption(fd, Libc.SO_RCVBUF, config.receiveBufferBytes(), scratch, capture);
      }
    } catch (IOException | RuntimeException e) {
      Libc.close(fd);
      throw e;
    }
    return fd;
  }

  private static void bind(int fd, MemorySegment address, int length, MemorySegment capture) throws IOException {
    int rc;
    try {
      rc = (int) Libc.BIND.invokeExact(capture, fd, address, length);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    if (rc != 0) {
      throw Libc.failure("bind", Libc.errno(capture));
    }
  }

  private static int align(int n) {
    return (n + 7) & ~7;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public boolean usesReusePort() {
    return reusePort;
  }

  @Override
  public List<Thread> workerThreads() {
    List<Thread> threads = new ArrayList<>();
    for (Worker w : workers) {
      threads.add(w.thread);
    }
    return threads;
  }

  @Override
  public List<WorkerCounters> counters() {
    List<WorkerCounters> list = new ArrayList<>();
    for (Worker w : workers) {
      list.add(w.counters);
    }
    return list;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    try (Arena local = Arena.ofConfined()) {
      // An eventfd stays readable once written: every worker's poll sees it.
      MemorySegment one = local.allocate(JAVA_LONG);
      one.set(JAVA_LONG, 0, 1L);
      long ignored = (long) Libc.WRITE.invokeExact(local.allocate(Libc.CAPTURE_LAYOUT), stopFd, one, 8L);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    boolean allStopped = WorkerErrors.join(workerThreads(), config.shutdownTimeout());
    for (int fd : sockets) {
      Libc.close(fd);
    }
    if (allStopped) {
      // A worker still inside a native call would read freed memory: then the memory is left to
      // the process's exit (the worker is a daemon thread and stops at its next wake-up).
      Libc.close(stopFd);
      arena.close();
    }
  }

  @Override
  public String toString() {
    return "FfmServer{" + localAddress + ", workers=" + workers.size() + ", reusePort=" + reusePort + "}";
  }

  private final class Worker implements Runnable {
    private final int fd;
    private final Thread thread;
    private final WorkerCounters counters = new WorkerCounters();
    private final NtpResponder responder = config.responder();
    private final TimeSource timeSource = responder.timeSource();
    private final WorkerErrors errors = config.errors();
    private final MemorySegment capture = Arena.ofAuto().allocate(Libc.CAPTURE_LAYOUT);
    private final MemorySegment pollFds = arena.allocate(2L * Libc.POLLFD_SIZE, 8);
    private final MemorySegment clock = arena.allocate(Libc.TIMESPEC_SIZE, 8);
    private final MemorySegment receiveHeaders = arena.allocate((long) BATCH * Libc.MMSGHDR_SIZE, 8);
    private final MemorySegment sendHeaders = arena.allocate((long) BATCH * Libc.MMSGHDR_SIZE, 8);
    private final MemorySegment receiveVectors = arena.allocate((long) BATCH * Libc.IOVEC_SIZE, 8);
    private final MemorySegment sendVectors = arena.allocate((long) BATCH * Libc.IOVEC_SIZE, 8);
    private final MemorySegment names = arena.allocate((long) BATCH * Libc.SOCKADDR_ROOM, 8);
    private final MemorySegment controls = arena.allocate((long) BATCH * CONTROL_SLOT, 8);
    private final MemorySegment inputs = arena.allocate((long) BATCH * IN_SLOT, 8);
    private final MemorySegment outputs = arena.allocate((long) BATCH * OUT_SLOT, 8);
    private final ByteBuffer[] in = new ByteBuffer[BATCH];
    private final ByteBuffer[] out = new ByteBuffer[BATCH];
    private long batchBits;
    private long batchRealtime;

    Worker(int fd, String name) {
      this.fd = fd;
      for (int i = 0; i < BATCH; i++) {
        in[i] = inputs.asSlice((long) i * IN_SLOT, IN_SLOT).asByteBuffer();
        out[i] = outputs.asSlice((long) i * OUT_SLOT, OUT_SLOT).asByteBuffer();
        long header = (long) i * Libc.MMSGHDR_SIZE;
        long vector = (long) i * Libc.IOVEC_SIZE;
        receiveVectors.set(JAVA_LONG, vector, inputs.address() + (long) i * IN_SLOT);
        receiveVectors.set(JAVA_LONG, vector + 8, IN_SLOT);
        receiveHeaders.set(JAVA_LONG, header + Libc.MSG_NAME, names.address() + (long) i * Libc.SOCKADDR_ROOM);
        receiveHeaders.set(JAVA_LONG, header + Libc.MSG_IOV, receiveVectors.address() + vector);
        receiveHeaders.set(JAVA_LONG, header + Libc.MSG_IOVLEN, 1L);
        receiveHeaders.set(JAVA_LONG, header + Libc.MSG_CONTROL, controls.address() + (long) i * CONTROL_SLOT);
        sendHeaders.set(JAVA_LONG, header + Libc.MSG_IOV, sendVectors.address() + vector);
        sendHeaders.set(JAVA_LONG, header + Libc.MSG_IOVLEN, 1L);
      }
      pollFds.set(JAVA_INT, 0, fd);
      pollFds.set(JAVA_SHORT, 4, (short) Libc.POLLIN);
      pollFds.set(JAVA_INT, Libc.POLLFD_SIZE, stopFd);
      pollFds.set(JAVA_SHORT, Libc.POLLFD_SIZE + 4, (short) Libc.POLLIN);
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      boolean wait = true;
      while (running) {
        if (wait && !awaitReadable()) {
          return;
        }
        int received = receiveBatch();
        if (received > 0) {
          serveBatch(received);
        }
        // A full batch means more may be queued: read again before waiting.
        wait = received < BATCH;
      }
    }

    /** Polls the socket and the stop event; false once stopped. */
    private boolean awaitReadable() {
      while (running) {
        pollFds.set(JAVA_SHORT, 6, (short) 0);
        pollFds.set(JAVA_SHORT, Libc.POLLFD_SIZE + 6, (short) 0);
        int rc;
        try {
          rc = (int) Libc.POLL_FAST.invokeExact(pollFds, 2L, -1);
        } catch (Throwable t) {
          throw Libc.rethrow(t);
        }
        if (rc < 0) {
          // EINTR (poll has no other failure with valid arguments): poll again.
          continue;
        }
        if (pollFds.get(JAVA_SHORT, Libc.POLLFD_SIZE + 6) != 0) {
          return false;
        }
        if (pollFds.get(JAVA_SHORT, 6) != 0) {
          return true;
        }
      }
      return false;
    }

    /** Up to a batch of datagrams without waiting; 0 when none (or another worker took them). */
    private int receiveBatch() {
      for (int i = 0; i < BATCH; i++) {
        long header = (long) i * Libc.MMSGHDR_SIZE;
        receiveHeaders.set(JAVA_INT, header + Libc.MSG_NAMELEN, Libc.SOCKADDR_ROOM);
        receiveHeaders.set(JAVA_LONG, header + Libc.MSG_CONTROLLEN, CONTROL_SLOT);
        receiveHeaders.set(JAVA_INT, header + Libc.MSG_FLAGS, 0);
        receiveHeaders.set(JAVA_INT, header + Libc.MMSG_LEN, 0);
      }
      int n;
      try {
        n = (int) Libc.RECVMMSG_FAST.invokeExact(fd, receiveHeaders, BATCH, Libc.MSG_DONTWAIT, MemorySegment.NULL);
        if (n < 0) {
          // Rare (another worker on a shared socket took the datagram, a signal): once more with
          // errno captured, to tell "nothing there" from a failure.
          n = (int) Libc.RECVMMSG.invokeExact(capture, fd, receiveHeaders, BATCH, Libc.MSG_DONTWAIT, MemorySegment.NULL);
        }
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      if (n < 0) {
        int errno = Libc.errno(capture);
        if (errno != Libc.EAGAIN && errno != Libc.EINTR) {
          counters.increment(WorkerCounters.RECEIVE_ERRORS);
          errors.report(localAddress, ServerErrorListener.Kind.RECEIVE, Libc.failure("recvmmsg", errno));
        }
        return 0;
      }
      return n;
    }

    /**
     * Reads the served clock between two reads of the kernel's clock and keeps the first of these
     * as the moment of the reading. Whatever passes between the reads (a preemption, a GC pause, a
     * slow clock) then makes T2 late by at most the gap, never early: measured after the served
     * clock instead, the age carried T2 back before the datagram's arrival by the gap, and a
     * client's round trip shorter than T3 - T2 failed its checks (SERVER_TIME_EXCEEDS_ROUND_TRIP)
     * once the gap exceeded the network's share of it. A wide gap is read again, a few times at
     * most, so that one stall does not cost a late T2 either.
     */
    private void readClocks() {
      long width = Long.MAX_VALUE;
      for (int i = 0; i < CLOCK_BRACKETS && width > TIGHT_BRACKET_NANOS; i++) {
        long before = Libc.realtimeNanos(clock);
        long bits = timeSource.nowBits();
        long gap = Libc.realtimeNanos(clock) - before;
        if (gap < width) {
          width = gap;
          batchRealtime = before;
          batchBits = bits;
        }
      }
    }

    private void serveBatch(int received) {
      long nowBits;
      long nowRealtime;
      try {
        // One reading of the served clock for the batch: each datagram's receive timestamp is that
        // reading minus the datagram's age on the kernel's clock (see readClocks).
        readClocks();
        nowBits = batchBits;
        nowRealtime = batchRealtime;
      } catch (RuntimeException e) {
        // An unreadable time source (an RTC off the bus) must not kill the worker.
        counters.add(WorkerCounters.RECEIVED, received);
        counters.add(WorkerCounters.INTERNAL_ERRORS, received);
        for (int i = 0; i < received; i++) {
          // One report per datagram left unanswered, as on the JDK channel transport.
          errors.report(localAddress, ServerErrorListener.Kind.INTERNAL, e);
        }
        return;
      }
      int replies = 0;
      for (int i = 0; i < received; i++) {
        counters.increment(WorkerCounters.RECEIVED);
        long header = (long) i * Libc.MMSGHDR_SIZE;
        int length = receiveHeaders.get(JAVA_INT, header + Libc.MMSG_LEN);
        // A slot holds one octet more than the longest request: the responder drops a longer one.
        long stamp = Libc.kernelStamp(controls, (long) i * CONTROL_SLOT,
            receiveHeaders.get(JAVA_LONG, header + Libc.MSG_CONTROLLEN));
        long receiveBits = stamp == Long.MIN_VALUE ? nowBits : KernelStamps.receiveBits(nowBits, nowRealtime - stamp);
        long name = (long) i * Libc.SOCKADDR_ROOM;
        long high;
        long low;
        if (names.get(JAVA_SHORT, name) == Libc.AF_INET) {
          high = AddressBits.IPV4_MAPPED_HIGH;
          low = AddressBits.ofIpv4(names.get(Libc.NETWORK_INT, name + 4));
        } else {
          high = names.get(Libc.NETWORK_LONG, name + 8);
          low = names.get(Libc.NETWORK_LONG, name + 16);
        }
        ByteBuffer request = in[i].clear().limit(length);
        ByteBuffer reply = out[i].clear();
        Verdict verdict;
        try {
          verdict = responder.respond(request, receiveBits, high, low, reply);
        } catch (RuntimeException e) {
          counters.increment(WorkerCounters.INTERNAL_ERRORS);
          errors.report(localAddress, ServerErrorListener.Kind.INTERNAL, e);
          continue;
        }
        counters.increment(verdict.ordinal());
        if (verdict.isAnswered()) {
          long send = (long) replies * Libc.MMSGHDR_SIZE;
          sendHeaders.set(JAVA_LONG, send + Libc.MSG_NAME, names.address() + name);
          sendHeaders.set(JAVA_INT, send + Libc.MSG_NAMELEN, receiveHeaders.get(JAVA_INT, header + Libc.MSG_NAMELEN));
          long vector = (long) replies * Libc.IOVEC_SIZE;
          sendVectors.set(JAVA_LONG, vector, outputs.address() + (long) i * OUT_SLOT + reply.position());
          sendVectors.set(JAVA_LONG, vector + 8, reply.remaining());
          replies++;
        }
      }
      sendBatch(replies);
    }

    private void sendBatch(int replies) {
      int sent = 0;
      while (sent < replies) {
        int n;
        try {
          MemorySegment from = sent == 0 ? sendHeaders : sendHeaders.asSlice((long) sent * Libc.MMSGHDR_SIZE);
          n = (int) Libc.SENDMMSG_FAST.invokeExact(fd, from, replies - sent, 0);
          if (n < 0) {
            // Rare: once more with errno captured, so the error can be told.
            n = (int) Libc.SENDMMSG.invokeExact(capture, fd, from, replies - sent, 0);
          }
        } catch (Throwable t) {
          throw Libc.rethrow(t);
        }
        if (n < 0) {
          // The first unsent reply failed twice (an unreachable address, a full buffer): it is
          // counted, reported and skipped.
          counters.increment(WorkerCounters.SEND_ERRORS);
          errors.report(localAddress, ServerErrorListener.Kind.SEND, Libc.failure("sendmmsg", Libc.errno(capture)));
          sent++;
        } else {
          sent += n;
        }
      }
    }
  }
}
