/**
 * Every format of `labgrade grade --format` is one reporter in one map, named as the help names it, and the
 * whole-run formats print once, at the end.
 */
import { describe, expect, test } from 'vitest';
import { msg } from '../../graders/src/core/i18n.ts';
import type { GradeResult } from '../../graders/src/core/result.ts';
import { isReportFormat, reporters, type RunContext } from '../../graders/src/reporters/index.ts';

const context = (count: number, written: string[]): RunContext => ({ count, reused: new Set(), notices: true, write: (text) => void written.push(text) });

describe('the reporter map', () => {
  test('holds every format the help names, each under its own name', () => {
    const named = /--format ([a-z|]+)/.exec(msg('cli.help', 'en'))![1]!.split('|').sort();
    expect(Object.keys(reporters).sort()).toEqual(named);
    for (const [key, reporter] of Object.entries(reporters)) expect(reporter.name).toBe(key);
    expect(isReportFormat('toString')).toBe(false);
  });

  test('lets only text and json describe a class (--submissions)', () => {
    expect(
      Object.values(reporters)
        .filter((r) => r.onBatch)
        .map((r) => r.name),
    ).toEqual(['text', 'json']);
  });

  test('gives Gradescope a 0 with the reason when nothing could be graded', () => {
    const text = reporters.gradescope.onError!('no submission');
    expect(JSON.parse(text!)).toMatchObject({ score: 0, tests: [] });
    expect(reporters.text.onError).toBeUndefined();
  });

  test('prints json per exercise for one exercise, as one array at the end for several', () => {
    const result = { exercise: { id: 'x' } } as unknown as GradeResult;
    const one: string[] = [];
    expect(reporters.json.onResult!(result, context(1, one))).toBe(`${JSON.stringify(result, null, 2)}\n`);
    void reporters.json.onEnd!([result], context(1, one));
    expect(one).toEqual([]);
    const many: string[] = [];
    expect(reporters.json.onResult!(result, context(2, many))).toBeUndefined();
    void reporters.json.onEnd!([result, result], context(2, many));
    expect(many).toEqual([`${JSON.stringify([result, result], null, 2)}\n`]);
  });
});
