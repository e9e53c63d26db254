#!/usr/bin/env python3
"""Worker layouts of NtpServer on the JDK channel at 1 request/s, chronyd -x as the referee.

usage (from the repository root, after building examples/clock):
    python3 benchmarks/idle/worker_variants.py WORKERS:REUSEPORT:SOURCE[,...] [ROUNDS]
e.g. 2:false:sts,2:true:sts,1:false:sts 2. SOURCE is sts (SystemTimeSource), system or simulated
(the RTC source serve builds). Each variant: a fresh JVM, one chronyd -Q run to warm it, then a
chronyd -x client at 1/s for 15 s; prints median / p90 |offset| and median delay. Bounded: every
child is stopped with SIGTERM (then SIGKILL) whatever happens.
"""
import json, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import idle_rate as ir  # noqa: E402

JAR = os.path.join(HERE, "../../examples/clock/target/ntpclock.jar")


def main():
    variants = sys.argv[1].split(",")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    work = tempfile.mkdtemp(prefix="ntpclock-workers-")
    for r in range(rounds):
        for v in variants:
            workers, reuse, source = v.split(":")
            p = subprocess.Popen([ir.JDK17 + "/bin/java", "-cp", JAR, os.path.join(HERE, "ServerVariant.java"),
                                  workers, reuse, source, "60"], stdout=subprocess.PIPE, text=True, start_new_session=True)
            ir.children.append(p)
            port = int(p.stdout.readline().split()[1])
            time.sleep(2)
            ir.chrony_client(port, -6, 0, f"{work}/{v}-{r}-q", quick=True)
            s = ir.summary(ir.chrony_client(port, 0, 15, f"{work}/{v}-{r}-idle"))
            ir.stop(p)
            print(v, r, json.dumps(s), flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        ir.stop_all()
