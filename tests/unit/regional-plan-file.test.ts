import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SAMPLE_REGIONAL_PLAN_FILE } from '../../src/config.js';
import { catalog } from '../../src/i18n/index.js';
import { loadRegionalPlan, parseRegionalPlan, RegionalPlanError } from '../../src/regional-plan-file.js';

const sv = catalog('sv');

describe('the regional action plan file', () => {
  it('ships a sample with the rådslag focus areas, each with two or three coded goals', () => {
    const plan = loadRegionalPlan(SAMPLE_REGIONAL_PLAN_FILE, sv);
    expect(plan.focusAreas.map((area) => area.name)).toEqual([
      'Ledning och styrning',
      'Samverkan',
      'SIP – samordnad individuell plan',
      'Integrerade mottagningar',
      'Brukarinflytande',
      'Kunskapsutveckling och forskning',
    ]);
    for (const area of plan.focusAreas) expect(area.goals.length).toBeGreaterThanOrEqual(2);
    expect(plan.focusAreas[2]!.goals[0]).toEqual({ code: 'SIP1', name: 'Fler personer med behov av samordnade insatser erbjuds en SIP' });
  });

  it('is the default of REGIONAL_PLAN_FILE', () => {
    expect(loadConfig({}).REGIONAL_PLAN_FILE).toBe(SAMPLE_REGIONAL_PLAN_FILE);
    expect(loadConfig({ REGIONAL_PLAN_FILE: '/etc/samverkan/plan.yaml' }).REGIONAL_PLAN_FILE).toBe('/etc/samverkan/plan.yaml');
  });

  it('names every bad entry by its path', () => {
    const content = JSON.stringify({
      namn: 'Plan',
      fokusområden: [
        { kod: 'A', namn: 'Ett', mål: [{ kod: 'A1', namn: 'x' }] },
        { kod: 'B', namn: '', mål: [] },
        { kod: 'C', namn: 'Tre', mål: [{ namn: 'utan kod' }, { kod: 'A1', namn: 'dubblett' }] },
      ],
    });
    let error: unknown;
    try {
      parseRegionalPlan(content, 'plan.json', sv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RegionalPlanError);
    expect((error as Error).message.split('\n')).toEqual([
      'Den regionala handlingsplanen i plan.json har fel:',
      '  fokusområden[1].namn är tomt',
      '  fokusområden[1].mål ska ha minst en post',
      '  fokusområden[2].mål[0].kod saknas',
    ]);
  });

  it('refuses the same code twice', () => {
    const content = JSON.stringify({ namn: 'Plan', fokusområden: [{ kod: 'A', namn: 'Ett', mål: [{ kod: 'A1', namn: 'x' }, { kod: 'A1', namn: 'y' }] }] });
    expect(() => parseRegionalPlan(content, 'plan.json', sv)).toThrow('fokusområden[0].mål[1].kod: koden "A1" finns redan');
  });

  it('reads YAML too, and says when a file is missing or unreadable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regional-plan-'));
    const yaml = join(dir, 'plan.yaml');
    writeFileSync(yaml, 'namn: Plan\nfokusområden:\n  - kod: SIP\n    namn: SIP\n    mål:\n      - kod: SIP1\n        namn: Fler SIP\n');
    expect(loadRegionalPlan(yaml, sv).focusAreas[0]!.goals).toEqual([{ code: 'SIP1', name: 'Fler SIP' }]);
    expect(() => loadRegionalPlan(join(dir, 'saknas.json'), sv)).toThrow(/går inte att läsa/);
    writeFileSync(join(dir, 'trasig.json'), '{ "namn": ');
    expect(() => loadRegionalPlan(join(dir, 'trasig.json'), sv)).toThrow(/varken giltig JSON eller YAML/);
  });
});
