import { describe, expect, it } from 'vitest';
import type { History, Scale, Spec } from './bindings';
import { align, bandRegions, dayNumber, emptyAnswers, firstUnanswered, formatScore, partnerLines, timeRange } from './measures';

const phq: Scale = {
  code: 'total',
  name: 'Depression',
  items: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  combine: 'sum',
  min: 0,
  max: 27,
  higher_is_better: false,
  bands: [
    { code: 'minimal', label: 'Minimal', from: 0, to: 4, level: 0 },
    { code: 'mild', label: 'Mild', from: 5, to: 9, level: 1 },
    { code: 'moderate', label: 'Moderate', from: 10, to: 14, level: 2 },
    { code: 'moderately_severe', label: 'Moderately severe', from: 15, to: 19, level: 3 },
    { code: 'severe', label: 'Severe', from: 20, to: 27, level: 4 },
  ],
};

describe('band regions', () => {
  it('cover the whole scale, each whole score inside its band', () => {
    const r = bandRegions(phq);
    expect(r.map((x) => [x.from, x.to])).toEqual([
      [0, 4.5],
      [4.5, 9.5],
      [9.5, 14.5],
      [14.5, 19.5],
      [19.5, 27],
    ]);
  });
  it('put the CSI-16 edge at the published 51.5', () => {
    const csi: Scale = {
      ...phq,
      max: 81,
      bands: [
        { code: 'notable_dissatisfaction', label: 'Notable', from: 0, to: 51, level: 3 },
        { code: 'above_cut_off', label: 'Above', from: 52, to: 81, level: 0 },
      ],
    };
    expect(bandRegions(csi)[0]!.to).toBe(51.5);
  });
  it('are none for a scale without published bands', () => {
    expect(bandRegions({ ...phq, bands: [] })).toEqual([]);
  });
});

describe('lines on one time axis', () => {
  it('take the union of dates and leave gaps', () => {
    const a = align([
      { label: 'Zoë', points: [{ given_on: '2026-10-01', value: 40 }, { given_on: '2026-11-01', value: 55 }] },
      { label: 'Sam', points: [{ given_on: '2026-10-02', value: 48 }, { given_on: '2026-11-01', value: 60 }] },
    ]);
    expect(a.xs).toEqual([dayNumber('2026-10-01'), dayNumber('2026-10-02'), dayNumber('2026-11-01')]);
    expect(a.lines[0]!.values).toEqual([40, null, 55]);
    expect(a.lines[1]!.values).toEqual([null, 48, 60]);
  });
  it('count days at UTC midnight, whatever the computer zone', () => {
    expect(dayNumber('2026-01-02') - dayNumber('2026-01-01')).toBe(86400);
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});

describe('partner lines', () => {
  const history = (name: string, unit: string, value: number): History => ({
    person_id: name,
    name,
    series: [
      {
        instrument: 'csi16',
        unit_id: unit,
        relationship: unit,
        points: [{ measure_id: 'm', given_on: '2026-11-01', session_id: null, scores: [{ scale: 'total', value, band: null }] }],
      },
    ],
    dosings: [],
    self_harm: null,
    alert: null,
    measures: [],
  });
  it('keep only the relationship asked about', () => {
    const lines = partnerLines([history('Zoë', 'u1', 50), history('Sam', 'u2', 70)], 'u1', 'csi16', 'total');
    expect(lines).toEqual([{ label: 'Zoë', points: [{ given_on: '2026-11-01', value: 50 }] }]);
  });
});

describe('the form', () => {
  const spec = { items: [{ number: 1 }, { number: 2 }, { number: 3 }] } as unknown as Spec;
  it('starts empty and names the first unanswered item', () => {
    const answers = emptyAnswers(spec);
    expect(answers).toEqual([null, null, null]);
    expect(firstUnanswered(spec, answers)).toBe(1);
    expect(firstUnanswered(spec, [0, null, 2])).toBe(2);
    expect(firstUnanswered(spec, [0, 0, 0])).toBeNull();
  });
  it('shows means to two decimals and totals whole', () => {
    expect(formatScore(12)).toBe('12');
    expect(formatScore(25 / 6)).toBe('4.17');
  });
});

describe('a plot fits its data', () => {
  const day = (d: string) => dayNumber(d);
  it('puts one reading in the middle of four weeks', () => {
    const [lo, hi] = timeRange([day('2026-11-25')], []);
    expect((hi - lo) / 86400, 'a single reading gets four weeks, not years').toBe(28);
    expect((lo + hi) / 2, 'the reading is in the middle').toBe(day('2026-11-25'));
  });

  it('spans every reading and dosing day with room either side', () => {
    const [lo, hi] = timeRange([day('2026-01-10'), day('2026-06-01')], [day('2026-07-01')]);
    expect(lo < day('2026-01-10') && hi > day('2026-07-01'), 'every point and dosing is inside').toBe(true);
    expect((hi - lo) / 86400 < 200, 'about the span of the data, not years more').toBe(true);
  });
});
