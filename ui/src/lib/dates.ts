// One way to write dates, times and temperatures on every screen: the practice's zone and her
// choices in Settings (US dates and °F unless she says otherwise). Stored values never change
// shape: dates stay YYYY-MM-DD, instants UTC, temperatures degrees Celsius.
import type { DateStyle, Settings, Temperature } from './bindings';
import { dateInZone } from './days';
import { setZone, zone } from './clock';

let dateStyle: DateStyle = 'us';
let temperatureUnit: Temperature = 'fahrenheit';

/** Called when the settings are read or saved: the zone, the date style, the unit. */
export function setDisplay(settings: Pick<Settings, 'time_zone' | 'date_style' | 'temperature'>): void {
  setZone(settings.time_zone);
  dateStyle = settings.date_style;
  temperatureUnit = settings.temperature;
}

/** A calendar date (YYYY-MM-DD) as she writes dates: 10/25/2026, 2026-10-25 or 25/10/2026. */
export function formatDate(iso: string, style: DateStyle = dateStyle): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  switch (style) {
    case 'iso':
      return iso;
    case 'day_month_year':
      return `${d}/${mo}/${y}`;
    case 'us':
      return `${mo}/${d}/${y}`;
  }
}

/** The time of an instant in the practice's zone (or `inZoneOf`), 24-hour: "10:00". */
export function formatTime(instant: string | Date, inZoneOf: string = zone()): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (inZoneOf) options.timeZone = inZoneOf;
  return new Intl.DateTimeFormat('en-US', options).format(new Date(instant));
}

/** The weekday of an instant where it is seen: "Wed" (short) or "Wednesday". */
export function weekday(instant: string | Date, inZoneOf: string = zone(), long = false): string {
  const options: Intl.DateTimeFormatOptions = { weekday: long ? 'long' : 'short' };
  if (inZoneOf) options.timeZone = inZoneOf;
  return new Intl.DateTimeFormat('en-US', options).format(new Date(instant));
}

/** An instant's day where it is seen: "Wed 11/25/2026". */
export function formatDay(instant: string | Date, inZoneOf: string = zone(), style: DateStyle = dateStyle): string {
  return `${weekday(instant, inZoneOf)} ${formatDate(dateInZone(new Date(instant), inZoneOf), style)}`;
}

/** An instant as day and time where it is seen: "Wed 11/25/2026, 10:00". */
export function formatDateTime(instant: string | Date, inZoneOf: string = zone(), style: DateStyle = dateStyle): string {
  return `${formatDay(instant, inZoneOf, style)}, ${formatTime(instant, inZoneOf)}`;
}

/** The unit temperatures are shown in: "°F" or "°C". */
export function temperatureLabel(unit: Temperature = temperatureUnit): string {
  return unit === 'celsius' ? '°C' : '°F';
}

/** A reading kept in °C, shown in her unit to one decimal ("98.6"); '' for none. */
export function showTemperature(celsius: number | null, unit: Temperature = temperatureUnit): string {
  if (celsius === null) return '';
  const value = unit === 'celsius' ? celsius : (celsius * 9) / 5 + 32;
  return value.toFixed(1);
}

/** What she typed in her unit, as °C to one decimal for the record; null for blank. */
export function readTemperature(typed: string, unit: Temperature = temperatureUnit): number | null {
  if (typed.trim() === '') return null;
  const value = Number(typed);
  if (!Number.isFinite(value)) return Number.NaN;
  const celsius = unit === 'celsius' ? value : ((value - 32) * 5) / 9;
  return Math.round(celsius * 10) / 10;
}
