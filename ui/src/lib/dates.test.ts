import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDay, formatTime, readTemperature, setDisplay, showTemperature, temperatureLabel } from './dates';

const PHOENIX = { time_zone: 'America/Phoenix', date_style: 'us', temperature: 'fahrenheit' } as const;

describe('one way to write dates and times', () => {
  afterEach(() => setDisplay({ time_zone: '', date_style: 'us', temperature: 'fahrenheit' }));

  it('writes a date in the style she chose, US by default', () => {
    expect(formatDate('2026-10-25', 'us'), 'a US practice writes month first').toBe('10/25/2026');
    expect(formatDate('2026-10-25', 'iso'), 'ISO as stored').toBe('2026-10-25');
    expect(formatDate('2026-10-25', 'day_month_year'), 'day first').toBe('25/10/2026');
    expect(formatDate('not a date', 'us'), 'what is not a date is shown as it is').toBe('not a date');
  });

  it('shows instants on their day and hour where the practice is, not where the computer is', () => {
    setDisplay(PHOENIX);
    // 03:30 UTC on the 26th is 20:30 on the 25th in Phoenix.
    const evening = '2026-11-26T03:30:00Z';
    expect(formatTime(evening), 'the practice clock').toBe('20:30');
    expect(formatDay(evening), 'the practice day, in US style').toBe('Wed 11/25/2026');
    expect(formatDateTime(evening), 'day and time together').toBe('Wed 11/25/2026, 20:30');
    expect(formatTime(evening, 'America/New_York'), 'a client in New York sees her own clock').toBe('22:30');
  });

  it('shows temperatures in her unit and records them in degrees Celsius', () => {
    expect(showTemperature(37, 'fahrenheit'), '37 °C is 98.6 °F').toBe('98.6');
    expect(showTemperature(37, 'celsius'), 'Celsius as kept').toBe('37.0');
    expect(showTemperature(null), 'no reading, nothing shown').toBe('');
    expect(readTemperature('98.6', 'fahrenheit'), '98.6 °F typed is kept as 37.0 °C').toBe(37);
    expect(readTemperature('36.6', 'celsius'), 'Celsius typed is kept as typed').toBe(36.6);
    expect(readTemperature('', 'fahrenheit'), 'blank is no reading').toBeNull();
    expect(Number.isNaN(readTemperature('warm', 'fahrenheit')), 'what is not a number is not a reading').toBe(true);
    expect(temperatureLabel('fahrenheit')).toBe('°F');
  });
});
