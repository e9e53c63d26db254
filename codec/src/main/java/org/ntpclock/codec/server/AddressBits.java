package org.ntpclock.codec.server;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Client addresses as two {@code long}s, the form the rate limiter and the access list work on
 * without allocating: the 128-bit IPv6 address split into its high and low 64 bits, IPv4
 * addresses in their IPv4-mapped form {@code ::ffff:a.b.c.d} (RFC 4291 section 2.5.5.2), so one
 * CIDR rule or one bucket never confuses the two families.
 *
 * <p>Converting an {@link Inet4Address} allocates nothing (its {@code hashCode()} is its 32-bit
 * address, which a unit test pins down); converting an {@link Inet6Address} copies its 16 bytes
 * once ({@link InetAddress#getAddress()} returns a fresh array), which the server amortizes by
 * caching the last sender.
 */
public final class AddressBits {
  /** The high 64 bits of every IPv4-mapped address. */
  public static final long IPV4_MAPPED_HIGH = 0L;
  /** The low 64 bits of {@code ::ffff:0.0.0.0}; the IPv4 address fills the low 32 bits. */
  public static final long IPV4_MAPPED_LOW_PREFIX = 0x0000_FFFF_0000_0000L;

  private AddressBits() {}

  /**
   * The high 64 bits of an address in the two-long form.
   *
   * @param address an IPv4 or IPv6 address
   * @return the high 64 bits (zero for IPv4)
   */
  public static long high(InetAddress address) {
    checkNotNull(address, "address");
    if (address instanceof Inet4Address) {
      return IPV4_MAPPED_HIGH;
    }
    return ByteBuffer.wrap(address.getAddress()).getLong(0);
  }

  /**
   * The low 64 bits of an address in the two-long form.
   *
   * @param address an IPv4 or IPv6 address
   * @return the low 64 bits ({@code 0000ffff} and the IPv4 address for IPv4)
   */
  public static long low(InetAddress address) {
    checkNotNull(address, "address");
    if (address instanceof Inet4Address) {
      // Inet4Address.hashCode() is the address itself: no array copy on the hot path.
      return ofIpv4(address.hashCode());
    }
    return ByteBuffer.wrap(address.getAddress()).getLong(8);
  }

  /**
   * The low 64 bits of the IPv4-mapped form of an IPv4 address.
   *
   * @param ipv4 the address, most significant octet first
   * @return {@code 0x0000ffff} followed by the 32 address bits
   */
  public static long ofIpv4(int ipv4) {
    return IPV4_MAPPED_LOW_PREFIX | Integer.toUnsignedLong(ipv4);
  }

  /**
   * Whether the two-long form holds an IPv4-mapped address.
   *
   * @param high the high 64 bits
   * @param low the low 64 bits
   * @return true for {@code ::ffff:a.b.c.d}
   */
  public static boolean isIpv4Mapped(long high, long low) {
    return high == IPV4_MAPPED_HIGH && (low >>> 32) == 0xFFFFL;
  }

  /**
   * The address a two-long form stands for (for logs and tests; allocates).
   *
   * @param high the high 64 bits
   * @param low the low 64 bits
   * @return an {@link Inet4Address} for IPv4-mapped values, else an {@link Inet6Address}
   */
  public static InetAddress toInetAddress(long high, long low) {
    try {
      if (isIpv4Mapped(high, low)) {
        return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(0, (int) low).array());
      }
      return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(0, high).putLong(8, low).array());
    } catch (UnknownHostException e) {
      throw new AssertionError("4 and 16 bytes are valid address lengths", e);
    }
  }
}
