// Days and weeks for the Sessions list.

/** Monday 00:00 (this computer's clock) of the week holding `d`. */
export function weekStart(d: Date): Date {
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const back = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - back);
  return start;
}

/** The day an instant falls on in a zone ('' for this computer's), as a heading. */
export function dayKey(iso: string, zone: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  if (zone) options.timeZone = zone;
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
}

/** Items grouped by a key, in their order, keeping the order of first appearance. */
export function groupByDay<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups: [string, T[]][] = [];
  for (const item of items) {
    const k = key(item);
    const last = groups.find(([g]) => g === k);
    if (last) last[1].push(item);
    else groups.push([k, [item]]);
  }
  return groups;
}
