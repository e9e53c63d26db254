package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One NTS-KE record (RFC 8915 section 4): a 16-bit word whose top bit is the critical bit and whose
 * low 15 bits are the record type, a 16-bit body length, and the body.
 *
 * <p>The record model keeps any type, known or not, so that a parser never loses what it read;
 * which records are allowed where is {@link NtsKeMessage}'s and the negotiation's business.
 * Immutable: the body is copied in and out.
 */
public final class NtsKeRecord {
  /** End of Message: critical, empty body, the last record of every message. */
  public static final int END_OF_MESSAGE = 0;
  /** NTS Next Protocol Negotiation: critical, a list of 16-bit protocol ids. */
  public static final int NEXT_PROTOCOL = 1;
  /** Error: critical, one 16-bit error code. */
  public static final int ERROR = 2;
  /** Warning: critical, one 16-bit warning code. */
  public static final int WARNING = 3;
  /** AEAD Algorithm Negotiation: a list of 16-bit AEAD ids. */
  public static final int AEAD_ALGORITHM = 4;
  /** New Cookie for NTPv4: never critical, an opaque cookie. */
  public static final int NEW_COOKIE = 5;
  /** NTPv4 Server Negotiation: an ASCII host name or address. */
  public static final int SERVER = 6;
  /** NTPv4 Port Negotiation: one 16-bit port. */
  public static final int PORT = 7;

  /** The protocol id of NTPv4 in Next Protocol records. */
  public static final int PROTOCOL_NTPV4 = 0;
  /** Error code: unrecognized critical record. */
  public static final int ERROR_UNRECOGNIZED_CRITICAL = 0;
  /** Error code: bad request. */
  public static final int ERROR_BAD_REQUEST = 1;
  /** Error code: internal server error. */
  public static final int ERROR_INTERNAL = 2;

  /** The record header length: 4 octets. */
  public static final int HEADER_LENGTH = 4;
  /** The largest body a 16-bit length can describe. */
  public static final int MAX_BODY_LENGTH = 0xFFFF;

  private final boolean critical;
  private final int type;
  private final byte[] body;

  private NtsKeRecord(boolean critical, int type, byte[] body) {
    this.critical = critical;
    this.type = type;
    this.body = body;
  }

  /**
   * A record with any type and body.
   *
   * @param critical the critical bit
   * @param type 0..32767
   * @param body at most 65535 octets; copied
   * @return the record
   * @throws IllegalArgumentException if out of range
   */
  public static NtsKeRecord of(boolean critical, int type, byte[] body) {
    checkArgument(type >= 0 && type <= 0x7FFF, "NTS-KE record type out of range 0..32767: %s", type);
    checkNotNull(body, "body");
    checkArgument(body.length <= MAX_BODY_LENGTH, "NTS-KE record body too long: %s", body.length);
    return new NtsKeRecord(critical, type, body.clone());
  }

  /**
   * A record whose body is a list of 16-bit values (Next Protocol, AEAD, Error, Warning, Port).
   *
   * @param critical the critical bit
   * @param type 0..32767
   * @param values each 0..65535
   * @return the record
   */
  public static NtsKeRecord ofU16s(boolean critical, int type, int... values) {
    checkArgument(values.length <= MAX_BODY_LENGTH / 2, "too many values: %s", values.length);
    byte[] body = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      checkArgument(values[i] >= 0 && values[i] <= 0xFFFF, "16-bit value out of range: %s", values[i]);
      body[2 * i] = (byte) (values[i] >>> 8);
      body[2 * i + 1] = (byte) values[i];
    }
    return new NtsKeRecord(critical, type, body);
  }

  /**
   * The End of Message record.
   *
   * @return a critical record of type 0 with an empty body
   */
  public static NtsKeRecord endOfMessage() {
    return new NtsKeRecord(true, END_OF_MESSAGE, new byte[0]);
  }

  /**
   * An ASCII record (Server Negotiation).
   *
   * @param critical the critical bit
   * @param type the type
   * @param text printable ASCII
   * @return the record
   */
  public static NtsKeRecord ofAscii(boolean critical, int type, String text) {
    checkArgument(text.chars().allMatch(c -> c > 0x20 && c < 0x7F), "not printable ASCII without blanks: %s", text);
    return of(critical, type, text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether the critical bit is set.
   *
   * @return true if critical
   */
  public boolean critical() {
    return critical;
  }

  /**
   * The record type (the low 15 bits of the first word).
   *
   * @return 0..32767
   */
  public int type() {
    return type;
  }

  /**
   * The body.
   *
   * @return a copy
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body length.
   *
   * @return octets
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * The encoded length: header and body.
   *
   * @return octets
   */
  public int length() {
    return HEADER_LENGTH + body.length;
  }

  /**
   * The body read as 16-bit values.
   *
   * @return the values
   * @throws NtsException {@link NtsException.Reason#RECORD_MALFORMED} if the body length is odd
   */
  public int[] u16s() throws NtsException {
    if (body.length % 2 != 0) {
      throw new NtsException(NtsException.Reason.RECORD_MALFORMED, "record type " + type + " needs 16-bit values, body has " + body.length + " octets");
    }
    int[] values = new int[body.length / 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((body[2 * i] & 0xFF) << 8) | (body[2 * i + 1] & 0xFF);
    }
    return values;
  }

  /**
   * Writes the record at the buffer's position.
   *
   * @param buffer the destination, with {@link #length()} octets remaining
   */
  public void encode(ByteBuffer buffer) {
    buffer.putShort((short) ((critical ? 0x8000 : 0) | type));
    buffer.putShort((short) body.length);
    buffer.put(body);
  }

  /**
   * Reads one record at the buffer's position, advancing it.
   *
   * @param buffer the source
   * @return the record
   * @throws NtsException {@link NtsException.Reason#RECORD_TRUNCATED} if the buffer ends inside it
   */
  public static NtsKeRecord decode(ByteBuffer buffer) throws NtsException {
    int start = buffer.position();
    if (buffer.remaining() < HEADER_LENGTH) {
      throw new NtsException(NtsException.Reason.RECORD_TRUNCATED, start, "record header needs 4 octets, " + buffer.remaining() + " left");
    }
    int word = buffer.getShort() & 0xFFFF;
    int length = buffer.getShort() & 0xFFFF;
    if (buffer.remaining() < length) {
      buffer.position(start);
      throw new NtsException(NtsException.Reason.RECORD_TRUNCATED, start, "record body of " + length + " octets, " + buffer.remaining() + " left");
    }
    byte[] body = new byte[length];
    buffer.get(body);
    return new NtsKeRecord((word & 0x8000) != 0, word & 0x7FFF, body);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NtsKeRecord && ((NtsKeRecord) obj).critical == critical && ((NtsKeRecord) obj).type == type
        && Arrays.equals(((NtsKeRecord) obj).body, body);
  }

  @Override
  public int hashCode() {
    return (Boolean.hashCode(critical) * 31 + type) * 31 + Arrays.hashCode(body);
  }

  /** Critical mark, type and body in hex, for example {@code KE[!4: 000f]}. */
  @Override
  public String toString() {
    return "KE[" + (critical ? "!" : "") + type + ": " + HexFormat.of().formatHex(body) + "]";
  }
}
