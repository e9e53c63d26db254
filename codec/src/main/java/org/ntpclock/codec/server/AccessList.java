package org.ntpclock.codec.server;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An allow/deny list of CIDR ranges, IPv4 and IPv6, in the manner of chrony's {@code allow} and
 * {@code deny} directives: the most specific (longest-prefix) rule containing the client decides,
 * a later rule for the same range overrides an earlier one, and clients no rule contains get the
 * default. Denied clients are dropped silently or answered with a kiss-o'-death DENY, as
 * {@link #denyAction()} says.
 *
 * <p>It also knows which source addresses can never be a client ({@link #isNeverAClient}): the
 * unspecified and multicast addresses, IPv4 "this network" (0.0.0.0/8), 240.0.0.0/4 with the limited
 * broadcast 255.255.255.255, the network and broadcast addresses of the loopback 127.0.0.0/8, and the
 * network and broadcast addresses (host bits all zero or all one) of every prefix the list was
 * configured with, by a rule or by {@link Builder#subnet}. IPv4 prefixes of 31 and 32 bits have no
 * such addresses (RFC 3021); for IPv6 prefixes only the all-zero host (the subnet-router anycast
 * address) is refused. A request from such an address is spoofed, and answering it would send the
 * reply to a whole subnet.
 *
 * <p>IPv4 ranges are stored in their IPv4-mapped form ({@code 10.0.0.0/8} is
 * {@code ::ffff:10.0.0.0/104}), see {@link AddressBits}. Immutable and thread-safe;
 * {@link #isAllowed(long, long)} allocates nothing (a linear scan of primitive arrays: lists are
 * meant to hold tens of rules, not thousands).
 */
public final class AccessList {
  /** What the server does with a request from a denied client. */
  public enum DenyAction {
    /** Drop the request silently (chrony's behaviour). */
    DROP,
    /** Answer with a kiss-o'-death DENY, telling a well-behaved client to stop (RFC 5905 7.4). */
    KOD_DENY
  }

  private static final AccessList ALLOW_ALL = new AccessList(true, DenyAction.DROP, List.of(), List.of());
  private static final int IPV4_MAPPED_LENGTH = 96;
  private static final int LOOPBACK_NETWORK = 0x7F00_0000;
  private static final int LOOPBACK_BROADCAST = 0x7FFF_FFFF;

  private final boolean defaultAllow;
  private final DenyAction denyAction;
  private final List<String> rulesText;
  private final long[] prefixHigh;
  private final long[] prefixLow;
  private final int[] prefixLength;
  private final boolean[] allow;
  private final List<String> subnetsText;
  private final long[] subnetHigh;
  private final long[] subnetLow;
  private final int[] subnetLength;

  private AccessList(boolean defaultAllow, DenyAction denyAction, List<Rule> rules, List<Rule> subnets) {
    this.defaultAllow = defaultAllow;
    this.denyAction = denyAction;
    int n = rules.size();
    this.prefixHigh = new long[n];
    this.prefixLow = new long[n];
    this.prefixLength = new int[n];
    this.allow = new boolean[n];
    List<String> text = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Rule r = rules.get(i);
      prefixHigh[i] = r.high;
      prefixLow[i] = r.low;
      prefixLength[i] = r.length;
      allow[i] = r.allow;
      text.add((r.allow ? "allow " : "deny ") + r.text);
    }
    this.rulesText = List.copyOf(text);
    // Every configured prefix, rule or subnet, lends its network and broadcast addresses.
    List<Rule> prefixes = new ArrayList<>(rules);
    prefixes.addAll(subnets);
    this.subnetHigh = new long[prefixes.size()];
    this.subnetLow = new long[prefixes.size()];
    this.subnetLength = new int[prefixes.size()];
    for (int i = 0; i < prefixes.size(); i++) {
      subnetHigh[i] = prefixes.get(i).high;
      subnetLow[i] = prefixes.get(i).low;
      subnetLength[i] = prefixes.get(i).length;
    }
    List<String> subnetText = new ArrayList<>(subnets.size());
    for (Rule r : subnets) {
      subnetText.add(r.text);
    }
    this.subnetsText = List.copyOf(subnetText);
  }

  /**
   * The list that allows every client.
   *
   * @return the list
   */
  public static AccessList allowAll() {
    return ALLOW_ALL;
  }

  /**
   * A builder whose default allows clients no rule contains.
   *
   * @return a new builder
   */
  public static Builder defaultAllow() {
    return new Builder(true);
  }

  /**
   * A builder whose default denies clients no rule contains (chrony's default for serving).
   *
   * @return a new builder
   */
  public static Builder defaultDeny() {
    return new Builder(false);
  }

  /**
   * Whether the client may be served.
   *
   * @param high the client address's high 64 bits ({@link AddressBits#high})
   * @param low the client address's low 64 bits ({@link AddressBits#low})
   * @return true if the longest matching rule allows it, or no rule matches and the default allows
   */
  public boolean isAllowed(long high, long low) {
    int best = -1;
    int bestLength = -1;
    for (int i = 0; i < prefixLength.length; i++) {
      int len = prefixLength[i];
      // >= so that a later rule for the same range overrides an earlier one.
      if (len >= bestLength && matches(high, low, prefixHigh[i], prefixLow[i], len)) {
        best = i;
        bestLength = len;
      }
    }
    return best < 0 ? defaultAllow : allow[best];
  }

  /**
   * Whether the client may be served.
   *
   * @param address the client address
   * @return as {@link #isAllowed(long, long)}
   */
  public boolean isAllowed(InetAddress address) {
    return isAllowed(AddressBits.high(address), AddressBits.low(address));
  }

  /**
   * Whether a source address can never be a client (see the class description): unspecified,
   * multicast, reserved or limited broadcast, or the network or broadcast address of the loopback
   * range or of a configured prefix. Requests from it are dropped whatever the rules say.
   * Allocates nothing.
   *
   * @param high the source address's high 64 bits ({@link AddressBits#high})
   * @param low the source address's low 64 bits ({@link AddressBits#low})
   * @return true if no reply may go to it
   */
  public boolean isNeverAClient(long high, long low) {
    if (AddressBits.isIpv4Mapped(high, low)) {
      int ipv4 = (int) low;
      int first = ipv4 >>> 24;
      // 0/8 "this network", 224/4 multicast, 240/4 reserved with 255.255.255.255.
      if (first == 0 || first >= 224 || ipv4 == LOOPBACK_NETWORK || ipv4 == LOOPBACK_BROADCAST) {
        return true;
      }
    } else if ((high == 0 && low == 0) || (high >>> 56) == 0xFF) {
      // :: (unspecified) and ff00::/8 (multicast).
      return true;
    }
    for (int i = 0; i < subnetLength.length; i++) {
      int length = subnetLength[i];
      boolean ipv4 = AddressBits.isIpv4Mapped(subnetHigh[i], subnetLow[i]) && length >= IPV4_MAPPED_LENGTH;
      if (length >= (ipv4 ? 127 : 128) || !matches(high, low, subnetHigh[i], subnetLow[i], length)) {
        continue;
      }
      long hostHigh = ~Builder.prefixMaskHigh(length);
      long hostLow = ~Builder.prefixMaskLow(length);
      if ((high & hostHigh) == 0 && (low & hostLow) == 0) {
        return true;
      }
      if (ipv4 && (low & hostLow) == hostLow) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a source address can never be a client.
   *
   * @param address the source address
   * @return as {@link #isNeverAClient(long, long)}
   */
  public boolean isNeverAClient(InetAddress address) {
    return isNeverAClient(AddressBits.high(address), AddressBits.low(address));
  }

  /**
   * The prefixes declared with {@link Builder#subnet}, as given.
   *
   * @return the subnets
   */
  public List<String> subnets() {
    return subnetsText;
  }

  /**
   * What happens to denied clients.
   *
   * @return the action
   */
  public DenyAction denyAction() {
    return denyAction;
  }

  /**
   * Whether clients no rule contains are allowed.
   *
   * @return the default
   */
  public boolean isDefaultAllow() {
    return defaultAllow;
  }

  /**
   * The rules in order, as text ({@code "allow 10.0.0.0/8"}).
   *
   * @return the rules
   */
  public List<String> rules() {
    return rulesText;
  }

  private static boolean matches(long high, long low, long pHigh, long pLow, int length) {
    if (length <= 64) {
      return length == 0 || ((high ^ pHigh) & mask(length)) == 0;
    }
    return high == pHigh && ((low ^ pLow) & mask(length - 64)) == 0;
  }

  /** The top {@code bits} (1..64) bits set. */
  private static long mask(int bits) {
    return bits == 64 ? -1L : ~(-1L >>> bits);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof AccessList
        && ((AccessList) obj).defaultAllow == defaultAllow
        && ((AccessList) obj).denyAction == denyAction
        && ((AccessList) obj).rulesText.equals(rulesText)
        && ((AccessList) obj).subnetsText.equals(subnetsText);
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultAllow, denyAction, rulesText, subnetsText);
  }

  @Override
  public String toString() {
    return "AccessList{default=" + (defaultAllow ? "allow" : "deny") + ", denyAction=" + denyAction
        + ", rules=" + rulesText + (subnetsText.isEmpty() ? "" : ", subnets=" + subnetsText) + "}";
  }

  private static final class Rule {
    final long high;
    final long low;
    final int length;
    final boolean allow;
    final String text;

    Rule(long high, long low, int length, boolean allow, String text) {
      this.high = high;
      this.low = low;
      this.length = length;
      this.allow = allow;
      this.text = text;
    }
  }

  /** Collects rules in order. Not thread-safe. */
  public static final class Builder {
    private final boolean defaultAllow;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Rule> subnets = new ArrayList<>();
    private DenyAction denyAction = DenyAction.DROP;

    private Builder(boolean defaultAllow) {
      this.defaultAllow = defaultAllow;
    }

    /**
     * Allows a range.
     *
     * @param cidr an address literal with an optional prefix length, {@code 192.0.2.0/24},
     *     {@code 2001:db8::/32}, {@code 127.0.0.1} (no DNS lookup is ever made)
     * @return this builder
     * @throws IllegalArgumentException if the text is not an address literal with a prefix length
     *     in range (0..32 for IPv4, 0..128 for IPv6) or has bits set beyond the prefix
     */
    public Builder allow(String cidr) {
      rules.add(parse(cidr, true));
      return this;
    }

    /**
     * Denies a range.
     *
     * @param cidr as {@link #allow(String)}
     * @return this builder
     * @throws IllegalArgumentException as {@link #allow(String)}
     */
    public Builder deny(String cidr) {
      rules.add(parse(cidr, false));
      return this;
    }

    /**
     * Declares a prefix the server serves or is attached to, such as its LAN, without allowing or
     * denying it: requests from its network and broadcast addresses are dropped
     * ({@link AccessList#isNeverAClient}).
     *
     * @param cidr as {@link #allow(String)}
     * @return this builder
     * @throws IllegalArgumentException as {@link #allow(String)}
     */
    public Builder subnet(String cidr) {
      subnets.add(parse(cidr, false));
      return this;
    }

    /**
     * Sets what happens to denied clients (default {@link DenyAction#DROP}).
     *
     * @param action the action
     * @return this builder
     */
    public Builder denyAction(DenyAction action) {
      this.denyAction = checkNotNull(action, "action");
      return this;
    }

    /**
     * The list.
     *
     * @return an immutable list
     */
    public AccessList build() {
      return new AccessList(defaultAllow, denyAction, rules, subnets);
    }

    /**
     * An IPv4 dotted quad or an IPv6 literal, never a host name: both shapes are checked before the
     * JDK parses them, so nothing here can start a DNS look-up (a literal with a colon is never
     * looked up, and a dotted quad is matched exactly, not in the JDK's lenient forms like "1.2.3").
     */
    private static final Pattern IPV4 =
        Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private static InetAddress parseLiteral(String literal, String cidr) {
      boolean v4 = IPV4.matcher(literal).matches();
      boolean v6 = literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches();
      checkArgument(v4 || v6, "not an IP address literal: %s", cidr);
      try {
        return InetAddress.getByName(literal);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address literal: " + cidr, e);
      }
    }

    private static Rule parse(String cidr, boolean allow) {
      checkNotNull(cidr, "cidr");
      String text = cidr.trim();
      int slash = text.indexOf('/');
      String literal = slash < 0 ? text : text.substring(0, slash);
      InetAddress address = parseLiteral(literal, cidr);
      int max = address instanceof Inet4Address ? 32 : 128;
      int length;
      if (slash < 0) {
        length = max;
      } else {
        String bits = text.substring(slash + 1);
        checkArgument(!bits.isEmpty() && bits.chars().allMatch(c -> c >= '0' && c <= '9') && bits.length() <= 3,
            "bad prefix length in %s", cidr);
        length = Integer.parseInt(bits);
        checkArgument(length <= max, "prefix length %s out of range 0..%s in %s", length, max, cidr);
      }
      int mappedLength = address instanceof Inet4Address ? length + 96 : length;
      long high = AddressBits.high(address);
      long low = AddressBits.low(address);
      checkArgument(high == (high & prefixMaskHigh(mappedLength)) && low == (low & prefixMaskLow(mappedLength)),
          "host bits set beyond the prefix in %s", cidr);
      return new Rule(high, low, mappedLength, allow, text);
    }

    private static long prefixMaskHigh(int length) {
      return length == 0 ? 0 : length >= 64 ? -1L : mask(length);
    }

    private static long prefixMaskLow(int length) {
      return length <= 64 ? 0 : mask(length - 64);
    }
  }
}
