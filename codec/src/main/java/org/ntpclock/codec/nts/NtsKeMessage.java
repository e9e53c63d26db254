package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An NTS-KE message: a sequence of records ending with End of Message (RFC 8915 section 4), and
 * the framing rules a reader of a TLS stream needs.
 *
 * <p>Bounded: a message longer than {@link #MAX_LENGTH} octets is refused, so a peer cannot make
 * the reader buffer without end.
 */
public final class NtsKeMessage {
  /** The longest message accepted: 16 KiB, room for eight cookies of 2 KiB. */
  public static final int MAX_LENGTH = 16 * 1024;

  private NtsKeMessage() {}

  /**
   * The octets of a message.
   *
   * @param records the records; End of Message is appended when the last record is not one
   * @return the encoding
   */
  public static byte[] encode(List<NtsKeRecord> records) {
    List<NtsKeRecord> all = new ArrayList<>(records);
    if (all.isEmpty() || all.get(all.size() - 1).type() != NtsKeRecord.END_OF_MESSAGE) {
      all.add(NtsKeRecord.endOfMessage());
    }
    int length = all.stream().mapToInt(NtsKeRecord::length).sum();
    checkArgument(length <= MAX_LENGTH, "NTS-KE message too long: %s octets", length);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    all.forEach(r -> r.encode(buffer));
    return buffer.array();
  }

  /**
   * Where the first complete message in a buffer ends, for a reader that collects a TLS stream.
   *
   * @param buffer the octets read so far
   * @param length how many are valid
   * @return the length of the message through its End of Message record, or -1 if it is not
   *     complete yet
   * @throws NtsException {@link NtsException.Reason#MESSAGE_TOO_LONG} if no message ends within
   *     {@link #MAX_LENGTH} octets
   */
  public static int completeLength(byte[] buffer, int length) throws NtsException {
    int pos = 0;
    while (pos + NtsKeRecord.HEADER_LENGTH <= length) {
      int type = ((buffer[pos] & 0x7F) << 8) | (buffer[pos + 1] & 0xFF);
      int bodyLength = ((buffer[pos + 2] & 0xFF) << 8) | (buffer[pos + 3] & 0xFF);
      int end = pos + NtsKeRecord.HEADER_LENGTH + bodyLength;
      if (end > MAX_LENGTH) {
        throw new NtsException(NtsException.Reason.MESSAGE_TOO_LONG, pos, "no End of Message within " + MAX_LENGTH + " octets");
      }
      if (end > length) {
        return -1;
      }
      if (type == NtsKeRecord.END_OF_MESSAGE) {
        return end;
      }
      pos = end;
    }
    if (length >= MAX_LENGTH) {
      throw new NtsException(NtsException.Reason.MESSAGE_TOO_LONG, pos, "no End of Message within " + MAX_LENGTH + " octets");
    }
    return -1;
  }

  /**
   * Parses a whole message: records up to and including End of Message, nothing after it.
   *
   * @param message the octets
   * @return the records, End of Message last
   * @throws NtsException if a record is truncated, the message is too long, End of Message is
   *     missing, malformed or not last
   */
  public static List<NtsKeRecord> decode(byte[] message) throws NtsException {
    if (message.length > MAX_LENGTH) {
      throw new NtsException(NtsException.Reason.MESSAGE_TOO_LONG, MAX_LENGTH, "message of " + message.length + " octets");
    }
    ByteBuffer buffer = ByteBuffer.wrap(message);
    List<NtsKeRecord> records = new ArrayList<>();
    while (buffer.hasRemaining()) {
      int at = buffer.position();
      NtsKeRecord record = NtsKeRecord.decode(buffer);
      records.add(record);
      if (record.type() == NtsKeRecord.END_OF_MESSAGE) {
        if (!record.critical() || record.bodyLength() != 0) {
          throw new NtsException(NtsException.Reason.RECORD_MALFORMED, at, "End of Message must be critical and empty");
        }
        if (buffer.hasRemaining()) {
          throw new NtsException(NtsException.Reason.BAD_MESSAGE, buffer.position(), buffer.remaining() + " octets after End of Message");
        }
        return records;
      }
    }
    throw new NtsException(NtsException.Reason.BAD_MESSAGE, message.length, "no End of Message record");
  }
}
