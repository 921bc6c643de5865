// Tells the core the therapist is here, so the vault stays unlocked while she works and locks
// when she walks away. At most one message per interval: typing must not flood the IPC.

export interface ActivityReporter {
  /** Call on every keystroke, click or scroll. */
  seen(): void;
}

export function activityReporter(
  send: () => void,
  intervalMs: number,
  now: () => number = () => Date.now(),
): ActivityReporter {
  let last = -Infinity;
  return {
    seen() {
      const t = now();
      if (t - last >= intervalMs) {
        last = t;
        send();
      }
    },
  };
}

/** Wires the reporter to the window's input events; returns the function that unwires it. */
export function watchActivity(target: EventTarget, reporter: ActivityReporter): () => void {
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'];
  const onEvent = () => reporter.seen();
  for (const e of events) target.addEventListener(e, onEvent, { passive: true });
  return () => {
    for (const e of events) target.removeEventListener(e, onEvent);
  };
}
