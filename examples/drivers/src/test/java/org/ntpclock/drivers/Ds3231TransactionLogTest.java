package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ntpclock.rtc.BusException;

class Ds3231TransactionLogTest {

  @Test
  void transactionLogIsBoundedForLongRunningClocks() throws BusException {
    long[] ticks = {0};
    Ds3231Simulator chip = Ds3231Simulator.create(() -> ticks[0] += 1_000);
    byte[] buffer = new byte[7];
    for (int i = 0; i < Ds3231Simulator.TRANSACTION_LOG_CAPACITY + 100; i++) {
      chip.read(0x00, buffer, 0, buffer.length);
    }
    assertThat(chip.transactions()).hasSize(Ds3231Simulator.TRANSACTION_LOG_CAPACITY);
  }
}
