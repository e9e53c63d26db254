/** A downstream application: the README's API tour, compiled and run as a user would. */
module org.example.consumer {
  exports org.example.consumer;
  requires org.ntpclock.codec;
  requires org.ntpclock.epoch;
}
