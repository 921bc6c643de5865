// One clock: the practice's zone, read once she unlocks and again when Settings change it.
// "Today" on every form is the practice's today, never this computer's.
import { dateInZone } from './days';

let practiceZone = '';

/** The practice's zone ('' until the settings are read: this computer's). */
export function zone(): string {
  return practiceZone;
}

/** Called when the settings are read or saved. */
export function setZone(zone: string): void {
  practiceZone = zone;
}

/** The practice's calendar date now, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return dateInZone(now, practiceZone);
}

/** The first day of the practice's current month, as YYYY-MM-DD. */
export function firstOfMonth(now: Date = new Date()): string {
  return `${today(now).slice(0, 8)}01`;
}
