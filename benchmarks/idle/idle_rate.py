#!/usr/bin/env python3
"""Time quality at the request rates real networks send, all targets in one run.

For each target server on a loopback port: chronyd -Q runs (iburst, 64 req/s, as the existing
harness probes), and a steady chronyd client (-x: it never touches the clock) polling at 1 and at
4 requests per second, first on an idle machine, then while ntpload floods the same server.
chronyd's client side uses kernel timestamps, so it is an unbiased referee; client and server
share the machine's clock, so every |offset| is error. Prints a Markdown table and writes JSON.

usage: idle_rate.py --jar-clock PATH --jar-bench PATH [--seconds S] [--q-runs N] [--out FILE] [--only KEY,...]
KEY is a row key: chronyd, ntpserver-jdk, ntpserver-ffm, serve-jdk-system, serve-jdk-ds3231,
serve-ffm-system, serve-ffm-ds3231; a target whose rows were not all run is reported as not run.
Bounded: every child has a deadline and is stopped with SIGTERM (then SIGKILL) whatever happens.
"""
import argparse, json, os, re, signal, socket, statistics, subprocess, sys, tempfile, time

JDK17 = os.environ.get("JDK17", "/usr/lib/jvm/java-17-openjdk-amd64")
JDK25 = os.environ.get("JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64")
CHRONYD = "/usr/sbin/chronyd"
KEYS = ["chronyd", "ntpserver-jdk", "ntpserver-ffm", "serve-jdk-system", "serve-jdk-ds3231",
        "serve-ffm-system", "serve-ffm-ds3231"]
children = []


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd, log, **kw):
    p = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True, **kw)
    children.append(p)
    return p


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def stop_all(*_):
    for p in children:
        stop(p)


def measurements(path):
    out = []
    if not os.path.exists(path):
        return out
    for line in open(path):
        f = line.split()
        if len(f) >= 13 and re.match(r"\d{4}-\d\d-\d\d$", f[0]):
            out.append((float(f[11]), float(f[12])))
    return out


def chrony_client(port, poll, seconds, d, quick=False):
    os.makedirs(d, exist_ok=True)
    server = (f"server 127.0.0.1 port {port} iburst minpoll -6 maxpoll -6" if quick
              else f"server 127.0.0.1 port {port} minpoll {poll} maxpoll {poll}")
    conf = os.path.join(d, "client.conf")
    with open(conf, "w") as c:
        c.write(f"{server}\ncmdport 0\nport 0\npidfile {d}/client.pid\nlogdir {d}\nlog measurements\n")
    args = [CHRONYD, "-Q" if quick else "-x", "-d", "-u", os.environ.get("USER", "root"), "-f", conf]
    p = start(args, os.path.join(d, "client.log"))
    if quick:
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            pass
    else:
        time.sleep(seconds)
    stop(p)
    return measurements(os.path.join(d, "measurements.log"))


def summary(samples):
    if not samples:
        return None
    offs = sorted(abs(o) for o, _ in samples)
    p90 = offs[min(len(offs) - 1, int(round(0.9 * (len(offs) - 1))))]
    return {"n": len(samples), "median_abs_offset_us": statistics.median(offs) * 1e6, "p90_abs_offset_us": p90 * 1e6,
            "median_delay_us": statistics.median(d for _, d in samples) * 1e6}


def ntpload(binary, port, seconds, window, log):
    p = start([binary, str(port), str(seconds), str(window), "127.0.0.1"], log)
    return p


def load_result(log):
    m = re.search(r"valid=(\d+) rate=(\d+)", open(log).read())
    return int(m.group(2)) if m else None


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--jar-clock", required=True)
    a.add_argument("--jar-bench", required=True)
    a.add_argument("--ntpload-source", default=os.path.join(os.path.dirname(__file__), "../../../shared/tools/ntpload.c"))
    a.add_argument("--seconds", type=int, default=12)
    a.add_argument("--q-runs", type=int, default=3)
    a.add_argument("--window", type=int, default=64)
    a.add_argument("--out", default="benchmarks/results/idle-rate.json")
    a.add_argument("--only", default=",".join(KEYS),
                   help="comma-separated row keys to run (default all): " + ",".join(KEYS))
    o = a.parse_args()
    only = [k.strip() for k in o.only.split(",") if k.strip()]
    unknown = [k for k in only if k not in KEYS]
    if unknown or not only:
        a.error(f"--only: unknown key(s) {unknown}; expected some of {','.join(KEYS)}")
    signal.signal(signal.SIGTERM, lambda *_: (stop_all(), sys.exit(3)))
    work = tempfile.mkdtemp(prefix="ntpclock-idle-")
    binary = os.path.join(work, "ntpload")
    subprocess.run(["gcc", "-O2", "-o", binary, o.ntpload_source], check=True)
    deadline = 1200
    targets = []

    def chrony_target():
        port = free_port()
        d = os.path.join(work, "chrony-server")
        os.makedirs(d)
        with open(f"{d}/chrony.conf", "w") as c:
            c.write(f"port {port}\nbindaddress 127.0.0.1\nallow 127.0.0.1\nlocal stratum 8\ncmdport 0\n"
                    f"pidfile {d}/chronyd.pid\ndriftfile {d}/drift\n")
        start([CHRONYD, "-x", "-d", "-u", os.environ.get("USER", "root"), "-f", f"{d}/chrony.conf"], f"{d}/log")
        return port

    def ntpserver_target(jdk, transport):
        log = os.path.join(work, f"ntpserver-{transport}.log")
        native = ["--enable-native-access=ALL-UNNAMED"] if jdk == JDK25 else []
        p = subprocess.Popen([f"{jdk}/bin/java"] + native + ["-cp", o.jar_bench, "org.ntpclock.benchmarks.harness.ServerProcess", "defaults",
                              str(deadline), "--transport=" + transport],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(log, "w"), text=True,
                             start_new_session=True)
        children.append(p)
        first = p.stdout.readline()
        if not first.startswith("PORT "):
            raise SystemExit(f"ServerProcess did not start: {first!r}, see {log}")
        return int(first.split()[1])

    def serve_target(jdk, transport, rtc):
        port = free_port()
        log = os.path.join(work, f"serve-{transport}-{rtc or 'ds3231'}.log")
        cmd = [f"{jdk}/bin/java", "-jar", o.jar_clock, "serve", "--ntp-port", str(port), "--http-port", "0",
               "--display", "none", "--transport", transport]
        if rtc:
            cmd += ["--rtc", rtc]
        start(cmd, log)
        for _ in range(300):
            if "HTTP server on" in open(log).read():
                break
            time.sleep(0.1)
        time.sleep(2)
        return port

    starters = {
        "chronyd": ("chronyd 4.3 (server, kernel timestamps)", chrony_target),
        "ntpserver-jdk": ("NtpServer, JDK channel transport, JDK 17", lambda: ntpserver_target(JDK17, "jdk")),
        "ntpserver-ffm": ("NtpServer, FFM transport, JDK 25", lambda: ntpserver_target(JDK25, "ffm")),
        "serve-jdk-system": ("serve --rtc system, JDK channel, JDK 17", lambda: serve_target(JDK17, "jdk", "system")),
        "serve-jdk-ds3231": ("serve (simulated DS3231), JDK channel, JDK 17", lambda: serve_target(JDK17, "jdk", None)),
        "serve-ffm-system": ("serve --rtc system, FFM, JDK 25", lambda: serve_target(JDK25, "ffm", "system")),
        "serve-ffm-ds3231": ("serve (simulated DS3231), FFM, JDK 25", lambda: serve_target(JDK25, "ffm", None)),
    }
    # In the table's order, whatever order --only names them in.
    for key in KEYS:
        if key in only:
            label, starter = starters[key]
            targets.append((key, label, starter()))
    time.sleep(2)
    results = {}
    try:
        for key, label, port in targets:
            r = {"label": label}
            q = []
            for i in range(o.q_runs):
                q += chrony_client(port, -6, 0, os.path.join(work, key, f"q{i}"), quick=True)
            r["chronyd -Q"] = summary(q)
            for poll, rate in ((0, "1/s"), (-2, "4/s")):
                r[f"{rate} idle"] = summary(chrony_client(port, poll, o.seconds, os.path.join(work, key, f"idle{poll}")))
            lg = os.path.join(work, key, "load-alone.log")
            ntpload(binary, port, o.seconds, o.window, lg).wait(o.seconds + 20)
            r["valid_per_s"] = load_result(lg)
            for poll, rate in ((0, "1/s"), (-2, "4/s")):
                lg = os.path.join(work, key, f"load{poll}.log")
                p = ntpload(binary, port, o.seconds + 2, o.window, lg)
                r[f"{rate} load"] = summary(chrony_client(port, poll, o.seconds, os.path.join(work, key, f"load{poll}")))
                p.wait(o.seconds + 30)
            results[key] = r
            print(key, json.dumps(r), flush=True)
    finally:
        stop_all()
    os.makedirs(os.path.dirname(o.out) or ".", exist_ok=True)
    with open(o.out, "w") as f:
        json.dump({"machine": os.uname().release, "nproc": os.cpu_count(), "load": open("/proc/loadavg").read().split()[:3],
                   "seconds": o.seconds, "results": results}, f, indent=1)
    cols = ["chronyd -Q", "1/s idle", "4/s idle", "1/s load", "4/s load"]
    print("\n| server | " + " | ".join(f"{c}: median / p90 \\|offset\\|, median delay (µs)" for c in cols)
          + " | valid replies/s (ntpload alone) |")
    print("|---" * (len(cols) + 2) + "|")
    for key, r in results.items():
        cells = []
        for c in cols:
            s = r.get(c)
            cells.append("—" if not s else f"{s['median_abs_offset_us']:.1f} / {s['p90_abs_offset_us']:.1f}, {s['median_delay_us']:.0f}")
        print(f"| {r['label']} | " + " | ".join(cells) + f" | {r['valid_per_s'] or '—'} |")
    print()
    for line in target_lines(results):
        print(line)


def target_lines(results):
    """The targets as lines: met, missed, or not run when a row it needs was not measured."""
    def med(k, c="1/s idle"):
        s = results.get(k, {}).get(c)
        return s and s["median_abs_offset_us"]

    def verdict(ok, *keys):
        if any(k not in results for k in keys):
            return "not run (--only)"
        return "met" if ok else "missed"
    def us(v):
        return "—" if v is None else f"{v:.1f}"
    lines = []
    ch, f = med("chronyd"), med("ntpserver-ffm")
    lines.append(f"target FFM median |offset| at 1/s <= chronyd + 5 us: {us(f)} vs {us(ch if ch is None else ch + 5)}: "
                 + verdict(f is not None and ch is not None and f <= ch + 5, "chronyd", "ntpserver-ffm"))
    cv = results.get("chronyd", {}).get("valid_per_s")
    fv = results.get("ntpserver-ffm", {}).get("valid_per_s")
    lines.append(f"target FFM throughput >= 1.5x chronyd: {fv} vs {cv} ({(fv or 0) / (cv or 1):.2f}x): "
                 + verdict(bool(fv and cv and fv >= 1.5 * cv), "chronyd", "ntpserver-ffm"))
    j = med("ntpserver-jdk")
    lines.append(f"target JDK channel median |offset| at 1/s <= 50 us: {us(j)}: " + verdict(j is not None and j <= 50, "ntpserver-jdk"))
    for t in ("jdk", "ffm"):
        s, d = med(f"serve-{t}-system"), med(f"serve-{t}-ds3231")
        # The RTC path may add at most 5 us; a DS3231 row better than the system row meets it.
        lines.append(f"target serve DS3231 adds <= 5 us to serve --rtc system ({t}): {us(d)} vs {us(s)}"
                     + ("" if s is None or d is None else f" (d - s = {d - s:+.1f})") + ": "
                     + verdict(s is not None and d is not None and d - s <= 5, f"serve-{t}-system", f"serve-{t}-ds3231"))
    return lines

if __name__ == "__main__":
    try:
        main()
    finally:
        stop_all()
