import org.ntpclock.codec.transport.*;
import org.ntpclock.core.*;
import org.ntpclock.clock.app.*;
import java.util.Optional;
/**
 * An NtpServer on the JDK channel transport with a given worker layout, for worker_variants.py.
 * usage: java -cp ntpclock.jar ServerVariant.java WORKERS REUSEPORT sts|system|simulated SECONDS
 */
public class ServerVariant {
  public static void main(String[] a) throws Exception {
    int workers = Integer.parseInt(a[0]);
    boolean reuse = Boolean.parseBoolean(a[1]);
    String src = a[2];
    TimeSource s = src.equals("sts") ? SystemTimeSource.create() : ClockHardware.openRtc(src, Optional.empty()).source();
    NtpServer server = NtpServer.builder(s).port(0).workers(workers).reusePort(reuse).transport(Transport.JDK_CHANNEL).start();
    System.out.println("PORT " + server.localAddress().getPort());
    System.out.flush();
    Thread.sleep(Long.parseLong(a[3]) * 1000);
    server.close();
  }
}
