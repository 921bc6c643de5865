// The sparkline of a series of readings: SVG polyline points scaled into a box.
export function sparkline(values: number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return '';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = pad + i * step;
      const y = height - pad - ((v - lo) / span) * (height - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** A reading that is due, as the core reports it. */
export interface Due {
  person_id: string;
  due_at: string;
}

/**
 * The reminders to send now: readings due at or before `now` that were not announced yet
 * (each due time is announced once; a new reading moves it, so it is announced again).
 */
export function newlyDue(due: readonly Due[], now: number, announced: ReadonlySet<string>): string[] {
  return due.filter((d) => new Date(d.due_at).getTime() <= now).map((d) => `${d.person_id}@${d.due_at}`).filter((k) => !announced.has(k));
}

/**
 * The notification's words. No client's name: a desktop notification can show on a locked
 * screen and stays in the system's history.
 */
export function reminderText(count: number): { title: string; body: string } {
  return {
    title: 'Attune: vitals are due',
    body: count === 1 ? 'A reading is due for one partner in the session.' : `Readings are due for ${count} partners in the session.`,
  };
}
