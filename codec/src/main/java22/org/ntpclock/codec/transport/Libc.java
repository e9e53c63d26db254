package org.ntpclock.codec.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * The libc socket calls and the Linux LP64 constants and layouts the FFM transport uses (the
 * generic socket ABI shared by x86-64 and aarch64, as the kernel's uapi headers define them; the
 * self-test at load exchanges a kernel-stamped loopback datagram with them). Calls that can fail
 * capture {@code errno} into a caller-owned segment, so the hot path allocates nothing.
 */
@SuppressWarnings("restricted") // Linker: the whole point of this class; native access is documented.
final class Libc {
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVBUF = 8;
  static final int SO_REUSEPORT = 15;
  static final int SO_TIMESTAMPNS = 35;
  static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
  static final int MSG_DONTWAIT = 0x40;
  static final int POLLIN = 0x1;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int ECONNREFUSED = 111;
  static final int CLOCK_REALTIME = 0;
  static final int EFD_CLOEXEC = 0x80000;

  static final int IOVEC_SIZE = 16;
  static final int MSGHDR_SIZE = 56;
  static final int MMSGHDR_SIZE = 64;
  static final int MSG_NAME = 0;
  static final int MSG_NAMELEN = 8;
  static final int MSG_IOV = 16;
  static final int MSG_IOVLEN = 24;
  static final int MSG_CONTROL = 32;
  static final int MSG_CONTROLLEN = 40;
  static final int MSG_FLAGS = 48;
  static final int MMSG_LEN = 56;
  static final int CMSGHDR_SIZE = 16;
  static final int SOCKADDR_IN_SIZE = 16;
  static final int SOCKADDR_IN6_SIZE = 28;
  /** Room for either address family, rounded to 8. */
  static final int SOCKADDR_ROOM = 32;
  static final int POLLFD_SIZE = 8;
  static final int TIMESPEC_SIZE = 16;

  static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfLong NETWORK_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private static final Linker LINKER = Linker.nativeLinker();
  /** Layout of the segment a call's {@code errno} is captured into. */
  static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  static final MethodHandle SOCKET = capturing("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  static final MethodHandle SETSOCKOPT = capturing("setsockopt",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle BIND = capturing("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle CONNECT = capturing("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle GETSOCKNAME = capturing("getsockname",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  static final MethodHandle RECVMMSG = capturing("recvmmsg",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
  static final MethodHandle SENDMMSG = capturing("sendmmsg",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  static final MethodHandle RECVMSG = capturing("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle SENDTO = capturing("sendto",
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle POLL = capturing("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  // The worker's hot path calls these without errno capture: passing a capture segment makes the
  // linker slice it on every call, an allocation the JIT does not always remove. A failed call is
  // repeated through the capturing handle above when its errno matters.
  static final MethodHandle RECVMMSG_FAST = plain("recvmmsg",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
  static final MethodHandle SENDMMSG_FAST = plain("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  static final MethodHandle POLL_FAST = plain("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  static final MethodHandle EVENTFD = capturing("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  static final MethodHandle WRITE = capturing("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  // clock_gettime is a vDSO call that neither blocks nor calls back: no thread-state transition.
  static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(find("clock_gettime"),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false));
  private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Libc() {}

  private static MemorySegment find(String name) {
    return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }

  private static MethodHandle capturing(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(find(name), descriptor, CAPTURE_ERRNO);
  }

  private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(find(name), descriptor);
  }

  static int errno(MemorySegment capture) {
    return (int) ERRNO.get(capture, 0L);
  }

  /** An {@link IOException} naming the call and the error. */
  static IOException failure(String call, int errno) {
    String text;
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      text = s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      text = "error";
    }
    return new IOException(call + " failed: " + text + " (errno " + errno + ")");
  }

  /** Wraps what a downcall can throw (nothing checked in practice) as an unchecked error. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  static long realtimeNanos(MemorySegment timespec) {
    try {
      int rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_REALTIME, timespec);
      if (rc != 0) {
        throw new IllegalStateException("clock_gettime(CLOCK_REALTIME) failed");
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
    return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
  }

  static int close(int fd) {
    try {
      return (int) CLOSE.invokeExact(fd);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Opens a close-on-exec UDP socket of the family. */
  static int udpSocket(int family, MemorySegment capture) throws IOException {
    int fd;
    try {
      fd = (int) SOCKET.invokeExact(capture, family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (fd < 0) {
      throw failure("socket", errno(capture));
    }
    return fd;
  }

  static void setIntOption(int fd, int option, int value, MemorySegment scratch, MemorySegment capture)
      throws IOException {
    scratch.set(JAVA_INT, 0, value);
    int rc;
    try {
      rc = (int) SETSOCKOPT.invokeExact(capture, fd, SOL_SOCKET, option, scratch, 4);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (rc != 0) {
      throw failure("setsockopt(" + option + ")", errno(capture));
    }
  }

  static int family(InetAddress address) {
    return address instanceof Inet4Address ? AF_INET : AF_INET6;
  }

  /** Writes a {@code sockaddr_in} or {@code sockaddr_in6}; returns its length. */
  static int writeSockaddr(MemorySegment at, InetAddress address, int port) {
    at.asSlice(0, SOCKADDR_ROOM).fill((byte) 0);
    byte[] raw = address.getAddress();
    at.set(ValueLayout.JAVA_SHORT, 0, (short) family(address));
    at.set(NETWORK_SHORT, 2, (short) port);
    if (address instanceof Inet4Address) {
      MemorySegment.copy(raw, 0, at, ValueLayout.JAVA_BYTE, 4, 4);
      return SOCKADDR_IN_SIZE;
    }
    MemorySegment.copy(raw, 0, at, ValueLayout.JAVA_BYTE, 8, 16);
    at.set(JAVA_INT, 24, ((Inet6Address) address).getScopeId());
    return SOCKADDR_IN6_SIZE;
  }

  /** Reads a {@code sockaddr_in} or {@code sockaddr_in6} (allocates: for set-up and the client). */
  static InetSocketAddress readSockaddr(MemorySegment at) {
    int family = at.get(ValueLayout.JAVA_SHORT, 0);
    int port = Short.toUnsignedInt(at.get(NETWORK_SHORT, 2));
    try {
      if (family == AF_INET) {
        byte[] raw = new byte[4];
        MemorySegment.copy(at, ValueLayout.JAVA_BYTE, 4, raw, 0, 4);
        return new InetSocketAddress(InetAddress.getByAddress(raw), port);
      }
      byte[] raw = new byte[16];
      MemorySegment.copy(at, ValueLayout.JAVA_BYTE, 8, raw, 0, 16);
      return new InetSocketAddress(Inet6Address.getByAddress(null, raw, at.get(JAVA_INT, 24)), port);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 and 16 octets are valid address lengths", e);
    }
  }

  /**
   * The {@code SCM_TIMESTAMPNS} stamp in a received control buffer (at {@code start} in the
   * segment), in nanoseconds since 1970, or
   * {@link Long#MIN_VALUE} when there is none.
   */
  static long kernelStamp(MemorySegment control, long start, long controlLength) {
    long offset = start;
    long end = start + controlLength;
    while (offset + CMSGHDR_SIZE <= end) {
      long length = control.get(JAVA_LONG, offset);
      if (length < CMSGHDR_SIZE || offset + length > end) {
        return Long.MIN_VALUE;
      }
      if (control.get(JAVA_INT, offset + 8) == SOL_SOCKET && control.get(JAVA_INT, offset + 12) == SCM_TIMESTAMPNS
          && length >= CMSGHDR_SIZE + TIMESPEC_SIZE) {
        return control.get(JAVA_LONG, offset + 16) * 1_000_000_000L + control.get(JAVA_LONG, offset + 24);
      }
      offset += (length + 7) & ~7L;
    }
    return Long.MIN_VALUE;
  }
}
