/** Epochs, time scales and the leap-second table. */
module org.ntpclock.epoch {
  requires transitive org.ntpclock.core;

  exports org.ntpclock.epoch;
}
