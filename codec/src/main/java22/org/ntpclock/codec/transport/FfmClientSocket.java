package org.ntpclock.codec.transport;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;

/**
 * A client exchange's Linux UDP socket with {@code SO_TIMESTAMPNS}: {@code connect} to the server,
 * {@code sendto}, then {@code poll} and {@code recvmsg}, reporting how long before its return the
 * kernel stamped the reply's arrival, so that T4 is the arrival and not the thread's wake-up.
 *
 * <p>Connected like the JDK channel client: the kernel drops datagrams from any other address and
 * port, and an ICMP port unreachable for the request comes back as {@code ECONNREFUSED} from the
 * next {@code recvmsg} (or {@code sendto}), thrown as {@link PortUnreachableException} at once
 * instead of running out the timeout.
 */
final class FfmClientSocket implements ClientSocket {
  private static final int BUFFER = 2048;
  private static final int CONTROL = 64;

  private final Arena arena = Arena.ofConfined();
  private final int fd;
  private final MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
  private final MemorySegment address = arena.allocate(Libc.SOCKADDR_ROOM, 8);
  private final MemorySegment header = arena.allocate(Libc.MSGHDR_SIZE, 8);
  private final MemorySegment vector = arena.allocate(Libc.IOVEC_SIZE, 8);
  private final MemorySegment control = arena.allocate(CONTROL, 8);
  private final MemorySegment data = arena.allocate(BUFFER, 8);
  private final MemorySegment pollFd = arena.allocate(Libc.POLLFD_SIZE, 8);
  private final MemorySegment clock = arena.allocate(Libc.TIMESPEC_SIZE, 8);
  private long arrivalAgeNanos;
  private boolean stamped;
  private InetSocketAddress peer;

  FfmClientSocket(boolean ipv4) throws IOException {
    int opened;
    try {
      opened = Libc.udpSocket(ipv4 ? Libc.AF_INET : Libc.AF_INET6, capture);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
    this.fd = opened;
    try {
      Libc.setIntOption(fd, Libc.SO_TIMESTAMPNS, 1, address, capture);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void send(ByteBuffer datagram, InetSocketAddress target) throws IOException {
    int length = datagram.remaining();
    if (length > BUFFER) {
      throw new IOException("datagram longer than " + BUFFER + " octets: " + length);
    }
    connect(target);
    MemorySegment.copy(MemorySegment.ofBuffer(datagram), 0, data, 0, length);
    long sent;
    try {
      // Connected: no address (a pending ICMP error from an earlier datagram fails this call).
      sent = (long) Libc.SENDTO.invokeExact(capture, fd, data, (long) length, 0, MemorySegment.NULL, 0);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    if (sent < 0) {
      throw failure("sendto", Libc.errno(capture));
    }
    datagram.position(datagram.position() + length);
  }

  @Override
  public void connect(InetSocketAddress target) throws IOException {
    if (peer != null) {
      if (!peer.equals(target)) {
        throw new IOException("socket connected to " + peer + ", not " + target);
      }
      return;
    }
    int addressLength = Libc.writeSockaddr(address, target.getAddress(), target.getPort());
    int rc;
    try {
      rc = (int) Libc.CONNECT.invokeExact(capture, fd, address, addressLength);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    if (rc != 0) {
      throw Libc.failure("connect", Libc.errno(capture));
    }
    peer = target;
  }

  /** {@code ECONNREFUSED} on a connected UDP socket is the ICMP port unreachable of a request. */
  private IOException failure(String call, int errno) {
    if (errno == Libc.ECONNREFUSED) {
      return new PortUnreachableException(call + ": ICMP port unreachable from " + peer);
    }
    return Libc.failure(call, errno);
  }

  @Override
  public InetSocketAddress receive(ByteBuffer buffer, long timeoutNanos) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      pollFd.set(JAVA_INT, 0, fd);
      pollFd.set(JAVA_SHORT, 4, (short) Libc.POLLIN);
      pollFd.set(JAVA_SHORT, 6, (short) 0);
      int ready;
      try {
        ready = (int) Libc.POLL.invokeExact(capture, pollFd, 1L, (int) Math.max(1, (left + 999_999) / 1_000_000));
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      if (ready < 0 && Libc.errno(capture) != Libc.EINTR) {
        throw Libc.failure("poll", Libc.errno(capture));
      }
      if (ready <= 0) {
        continue;
      }
      vector.set(JAVA_LONG, 0, data.address());
      vector.set(JAVA_LONG, 8, Math.min(BUFFER, buffer.remaining()));
      header.set(JAVA_LONG, Libc.MSG_NAME, address.address());
      header.set(JAVA_INT, Libc.MSG_NAMELEN, Libc.SOCKADDR_ROOM);
      header.set(JAVA_LONG, Libc.MSG_IOV, vector.address());
      header.set(JAVA_LONG, Libc.MSG_IOVLEN, 1L);
      header.set(JAVA_LONG, Libc.MSG_CONTROL, control.address());
      header.set(JAVA_LONG, Libc.MSG_CONTROLLEN, CONTROL);
      header.set(JAVA_INT, Libc.MSG_FLAGS, 0);
      long length;
      try {
        length = (long) Libc.RECVMSG.invokeExact(capture, fd, header, Libc.MSG_DONTWAIT);
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      if (length < 0) {
        int errno = Libc.errno(capture);
        if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
          continue;
        }
        throw failure("recvmsg", errno);
      }
      long now = Libc.realtimeNanos(clock);
      long stamp = Libc.kernelStamp(control, 0, header.get(JAVA_LONG, Libc.MSG_CONTROLLEN));
      stamped = stamp != Long.MIN_VALUE;
      arrivalAgeNanos = stamped ? Math.max(0, now - stamp) : 0;
      int start = buffer.position();
      MemorySegment.copy(data, 0, MemorySegment.ofBuffer(buffer), 0, length);
      buffer.limit(start + (int) length);
      return Libc.readSockaddr(address);
    }
  }

  @Override
  public long arrivalAgeNanos() {
    return arrivalAgeNanos;
  }

  /** Whether the datagram {@link #receive} returned last carried a kernel stamp. */
  boolean lastHadKernelStamp() {
    return stamped;
  }

  @Override
  public ReceiveTimestamps receiveTimestamps() {
    return ReceiveTimestamps.KERNEL;
  }

  @Override
  public void close() {
    if (arena.scope().isAlive()) {
      Libc.close(fd);
      arena.close();
    }
  }
}
