#!/usr/bin/env python3
"""Crash trials: the command line's writing commands killed at their system calls and at random
moments, then checked.

Each command (import, backup, passwd, restore --replace, superbill, export) first runs once under
strace to count its rename/fsync/fdatasync/write/pwrite64 calls. Trials then kill it with SIGKILL at a
chosen call (`strace -e inject=SYSCALL:signal=SIGKILL:when=N`) or after a random delay, and check:

- `attune check` passes (after it finishes or rolls back what the kill left);
- the vault's export equals the state before the command or the state after it;
- a file the command writes is absent or complete (a PDF that pdftotext reads, a JSON document,
  a backup that restores), and no `.partial` is taken for a finished file;
- exactly one of the old and new passphrases opens the vault (passwd);
- the next run of the same command succeeds.

Prints one line per command: kill points, trials, failures; exits 1 on any failure.
Usage: crash_test.py [--per-command N] [--attune PATH] [--seed S]
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OLD = "crash trial old passphrase"
NEW = "crash trial new passphrase"
OTHER = "crash trial third passphrase"
SYSCALLS = ["rename", "fsync", "fdatasync", "write", "pwrite64"]


def run(attune, vault, args, passphrase=OLD, new=None, check=False, timeout=120):
    env = dict(os.environ, ATTUNE_PASSPHRASE=passphrase)
    if new:
        env["ATTUNE_NEW_PASSPHRASE"] = new
    done = subprocess.run([attune, "--vault", str(vault), *args], env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        raise RuntimeError(f"attune {' '.join(args)} failed: {done.stderr.strip()}")
    return done


def state(attune, vault, passphrase=OLD):
    """The vault's records as a comparable value (the export, without its time and the backup
    bookkeeping a backup itself updates)."""
    out = run(attune, vault, ["export"], passphrase=passphrase)
    if out.returncode != 0:
        return None
    return comparable(json.loads(out.stdout))


def comparable(doc):
    """A document without what differs between two runs of the same command: when it was
    exported, the backup bookkeeping, and the moment a superbill was issued."""
    doc.pop("exported_at", None)
    doc.pop("backups", None)
    for bill in doc.get("billing", {}).get("superbills", []):
        bill.pop("issued_at", None)
        bill.pop("issued_on", None)
    return doc


class Command:
    """One writing command: how to set up a trial, its arguments, and what to check after."""

    def __init__(self, name, args, out=None, new=None, prepare=None):
        self.name, self.args, self.out, self.new, self.prepare = name, args, out, new, prepare


def template(attune, root):
    """A demo vault, a backup of it, a document that changes it, and an extra person added after
    the backup (so a restore changes something)."""
    vault = root / "template"
    run(attune, vault, ["demo"], check=True)
    backup = root / "template.age"
    run(attune, vault, ["backup", "--out", str(backup)], check=True)
    doc = json.loads(run(attune, vault, ["export"], check=True).stdout)
    alex = next(p for p in doc["persons"] if p["legal_name"] == "Alexandra Rivera")
    extra = dict(alex, id="crash-trial-person", legal_name="Crash Trial Person",
                 date_of_birth="1970-01-01")
    doc["persons"].append(extra)
    doc["persons"][0]["phone"] = "520-555-0199"
    (root / "import.json").write_text(json.dumps(doc))
    small = dict(doc, persons=[extra], units=[], diagnoses=[], screenings=[], clearances=[],
                 consents=[], dv_screens=[], sessions=[], clock_events=[], doses=[], vitals=[],
                 adverse_events=[], discharge_checks=[], notes=[], addenda=[], reflections=[],
                 measures=[])
    for part in ("logo", "backups", "billing", "collaboration", "paperwork"):
        small.pop(part, None)
    (root / "extra.json").write_text(json.dumps(small))
    return vault, backup, alex["id"]


def commands(root, backup, alex):
    def with_extra(attune, vault):
        run(attune, vault, ["import", str(root / "extra.json")], check=True)

    return [
        Command("import", lambda t: ["import", str(root / "import.json")]),
        Command("backup", lambda t: ["backup", "--out", str(t / "out.age")], out="out.age"),
        Command("passwd", lambda t: ["passwd"], new=NEW),
        Command("restore", lambda t: ["restore", str(backup), "--replace"], prepare=with_extra),
        Command("superbill", lambda t: ["superbill", "--person", alex, "--from", "2000-01-01",
                                        "--to", "2100-12-31", "--out", str(t / "out.pdf")],
                out="out.pdf"),
        Command("export", lambda t: ["export", "--out", str(t / "out.json")], out="out.json"),
    ]


def fresh(attune, root, cmd, n):
    trial = root / f"{cmd.name}-{n}"
    trial.mkdir()
    shutil.copytree(root / "template", trial / "vault", symlinks=True)
    if cmd.prepare:
        cmd.prepare(attune, trial / "vault")
    return trial


def count_calls(attune, root, cmd):
    """Runs the command once under strace; its calls of each syscall, and how long it took."""
    trial = fresh(attune, root, cmd, "count")
    log = trial / "strace.log"
    env = dict(os.environ, ATTUNE_PASSPHRASE=OLD, ATTUNE_NEW_PASSPHRASE=NEW)
    started = time.monotonic()
    subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", "trace=" + ",".join(SYSCALLS),
                    attune, "--vault", str(trial / "vault"), *cmd.args(trial)], env=env,
                   capture_output=True, check=True, stdin=subprocess.DEVNULL)
    took = time.monotonic() - started
    counts = {s: 0 for s in SYSCALLS}
    for line in log.read_text().splitlines():
        call = line.split(" ", 1)[-1].split("(", 1)[0].strip()
        if call in counts:
            counts[call] += 1
    return counts, took


def kill_points(counts, budget, rng):
    """Up to `budget` (syscall, n) points: every rename and fsync first, then writes spread evenly."""
    points = [(s, n) for s in ("rename", "fsync", "fdatasync") for n in range(1, counts[s] + 1)]
    rng.shuffle(points)
    points = points[:budget]
    for syscall in ("pwrite64", "write"):
        left = (budget - len(points)) // (2 if syscall == "pwrite64" else 1)
        if left > 0 and counts[syscall]:
            step = max(1, counts[syscall] // left)
            points += [(syscall, n) for n in range(1, counts[syscall] + 1, step)][:left]
    return points


def killed_run(attune, trial, cmd, point, delay):
    env = dict(os.environ, ATTUNE_PASSPHRASE=OLD, ATTUNE_NEW_PASSPHRASE=NEW)
    args = [attune, "--vault", str(trial / "vault"), *cmd.args(trial)]
    if point:
        syscall, n = point
        args = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={syscall}",
                "-e", f"inject={syscall}:signal=SIGKILL:when={n}", *args]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    if delay is not None:
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=120)


def output_is_whole(attune, trial, cmd, before):
    """A file the command writes is absent, or whole."""
    if not cmd.out:
        return None
    path = trial / cmd.out
    if not path.exists():
        return None
    if cmd.out.endswith(".pdf"):
        ok = subprocess.run(["pdftotext", str(path), "-"], capture_output=True).returncode == 0
        return None if ok else "the PDF is not whole"
    if cmd.out.endswith(".json"):
        try:
            doc = json.loads(path.read_text())
        except ValueError:
            return "the export is not whole JSON"
        return None if comparable(doc) == before else "the export differs from the vault"
    restored = trial / "restored"
    out = run(attune, restored, ["restore", str(path)])
    return None if out.returncode == 0 else f"the backup does not restore: {out.stderr.strip()}"


def verify(attune, trial, cmd, before, after):
    """Everything that must hold after a kill; the first problem found, or None."""
    vault = trial / "vault"
    tried = (OLD, NEW) if cmd.name == "passwd" else (OLD,)
    opens = [p for p in tried if run(attune, vault, ["check"], passphrase=p).returncode == 0]
    if cmd.name == "passwd" and len(opens) != 1:
        return f"{len(opens)} of the old and new passphrases open the vault"
    if not opens:
        return "attune check fails: " + run(attune, vault, ["check"]).stderr.strip()
    now = state(attune, vault, opens[0])
    if now not in (before, after):
        return "the records are neither the state before nor the state after"
    problem = output_is_whole(attune, trial, cmd, before)
    if problem:
        return problem
    if cmd.out and (trial / cmd.out).exists():
        return None  # a finished file is never overwritten: the command is done
    again = run(attune, vault, cmd.args(trial), passphrase=opens[0],
                new=OTHER if cmd.name == "passwd" else None)
    if again.returncode != 0:
        return "the next run fails: " + again.stderr.strip()
    return None


def trials_of(attune, root, cmd, per_command, rng):
    counts, took = count_calls(attune, root, cmd)
    clean = fresh(attune, root, cmd, "clean")
    before = state(attune, clean / "vault")
    run(attune, clean / "vault", cmd.args(clean), new=NEW, check=True)
    after = state(attune, clean / "vault", NEW if cmd.name == "passwd" else OLD)
    points = kill_points(counts, per_command - per_command // 4, rng)
    plan = [(p, None) for p in points]
    plan += [(None, rng.uniform(0.05, took)) for _ in range(per_command - len(plan))]
    failures = []
    for n, (point, delay) in enumerate(plan):
        trial = fresh(attune, root, cmd, n)
        killed_run(attune, trial, cmd, point, delay)
        problem = verify(attune, trial, cmd, before, after)
        if problem:
            where = f"{point[0]} #{point[1]}" if point else f"after {delay:.2f} s"
            failures.append(f"{cmd.name}, killed at {where}: {problem}")
        shutil.rmtree(trial, ignore_errors=True)
    return counts, len(plan), failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-command", type=int, default=4)
    parser.add_argument("--attune", default=os.environ.get("ATTUNE_CLI", "target/release/attune"))
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--only", default="")
    opts = parser.parse_args()
    attune = str(Path(opts.attune).resolve())
    rng = random.Random(opts.seed)
    root = Path(tempfile.mkdtemp(prefix="attune-crash-"))
    try:
        _, backup, alex = template(attune, root)
        print(f"{'command':<10} {'kill points (rename/fsync/fdatasync/write/pwrite64)':<52} {'trials':>6} {'failures':>8}")
        all_failures, total = [], 0
        for cmd in commands(root, backup, alex):
            if opts.only and cmd.name != opts.only:
                continue
            counts, trials, failures = trials_of(attune, root, cmd, opts.per_command, rng)
            points = "/".join(str(counts[s]) for s in SYSCALLS)
            print(f"{cmd.name:<10} {points:<52} {trials:>6} {len(failures):>8}", flush=True)
            all_failures += failures
            total += trials
        print(f"{'total':<10} {'':<52} {total:>6} {len(all_failures):>8}")
        for f in all_failures:
            print("FAILED: " + f)
        return 1 if all_failures else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
