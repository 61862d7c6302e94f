// The plan and the uppdragshandling as files: the .docx is opened as the zip it is and word/document.xml read.
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadActionPlanDocument, loadAssignmentDocument } from '../../src/core/use-cases/plan-documents.js';
import { toDocx, toMarkdown } from '../../src/exports/plan-document.js';
import { catalog } from '../../src/i18n/index.js';
import { runActionPlanScenario, sampleRegionalPlan } from '../support/action-plan-scenario.js';

function docxText(buffer: Buffer): string {
  const files = unzipSync(new Uint8Array(buffer));
  const xml = strFromU8(files['word/document.xml']!);
  // One line per paragraph, the text of its runs joined.
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('exported documents', () => {
  let scenario: Awaited<ReturnType<typeof runActionPlanScenario>>;
  beforeAll(async () => {
    scenario = await runActionPlanScenario('sv');
  });

  it('writes the uppdragshandling as .docx with every field of the guidance', async () => {
    const document = await loadAssignmentDocument(scenario.store, scenario.assignment.id, sampleRegionalPlan(), () => catalog('sv'));
    const text = docxText(await toDocx(document!));
    expect(text.split('\n').slice(0, 2)).toEqual(['Uppdragshandling: Arbetsgrupp SIP barn och unga', 'Uppdragsgivare: LSG Uddevalla']);
    for (const line of [
      'När uppdraget inleds och ska vara avslutat: 2027-02-01–2027-11-30',
      'Målgrupp: Barn och unga 6–18 år med behov av samordnade insatser',
      'Syfte: Att fler barn och unga får en SIP i tid',
      'Aktivitet: Ta fram och införa en gemensam SIP-rutin',
      'Aktivitet i handlingsplanen: Samordnad individuell plan (SIP) (SIP – samordnad individuell plan, mål SIP1)',
      'Arbetsgrupp: Bo Region (Region), Cia Kommun (Kommun)',
      'Sammankallande: Bo Region',
      'Former för avrapportering: med 6 veckors mellanrum',
      'Mål för uppdraget: En gemensam SIP-rutin är antagen av båda huvudmännen',
      'Eventuella resurser utöver egen insats: 20 timmar processledning från FoU',
      'Form för slutrapportering: Skriftlig slutrapport och dragning på samverkansgruppens möte',
      'Beslutat 2026-09-14 av Anna Ordförande',
    ]) {
      expect(text.split('\n'), line).toContain(line);
    }
  });

  it('writes the local action plan as .docx and Markdown, by focus area with goals, assignments and the implementation plan', async () => {
    const document = await loadActionPlanDocument(scenario.store, scenario.group, 2027, sampleRegionalPlan(), catalog('sv'));
    const text = docxText(await toDocx(document!)).split('\n');
    expect(text.slice(0, 2)).toEqual(['Lokal handlingsplan för psykisk hälsa 2027', 'LSG Uddevalla · version 1 · beslutad 2026-09-14 av Anna Ordförande']);
    expect(text).toContain('Fokusområde: SIP – samordnad individuell plan');
    expect(text).toContain('Mål SIP1: Fler personer med behov av samordnade insatser erbjuds en SIP');
    expect(text).toContain('Tid: 2027-01-15–2027-12-15');
    expect(text).toContain('Delmål: Kartläggning klar, Bo Region och elevhälsan, senast 2027-05-15');
    expect(text).toContain('Uppgift: Cia Kommun – utbildar elevhälsan i SIP (september 2027)');
    expect(text).toContain('Indikator: Väntetid till SIP (dagar) från 45 till 21,5; mäts genom stickprov varje kvartal');
    expect(text).toContain('Indikator: Andel barn med SIP (procent) från 12 till 30; mäts genom uttag ur journalsystemen');
    // The plan's history, with who and when.
    const history = text.slice(text.indexOf('Ändringar i planen') + 1);
    expect(history).toEqual([
      '2026-09-14 Anna Ordförande: aktivitet tillagd "Samordnad individuell plan (SIP)"',
      '2026-09-14 Anna Ordförande: planen beslutad',
      '2026-09-14 Anna Ordförande: uppdrag givet "Arbetsgrupp SIP barn och unga"',
      // The uppdrag set its activity going: follow-up, not a revision.
      '2026-09-14 Anna Ordförande: aktivitetens status eller datum uppdaterade "Samordnad individuell plan (SIP)"',
      '2026-09-14 Bo Region: genomförandeplan ändrad',
      '2026-09-14 Bo Region: genomförandeplan ändrad: lade till "Rutinen införd i skolorna"',
      '2026-09-14 Bo Region: genomförandeplan ändrad: ändrade "Kartläggning klar"',
      '2026-09-14 Bo Region: genomförandeplan ändrad: lade till "utbildar elevhälsan i SIP"',
      '2026-09-14 Bo Region: genomförandeplan ändrad: lade till "Väntetid till SIP"',
      '2026-09-14 Bo Region: genomförandeplan ändrad: tog bort "kartlägger SIP 2026"',
      // The decided versions, with the minutes given at the decision.
      'Beslutade versioner',
      'Lokal handlingsplan 2027, version 1: beslutad 2026-09-14 av Anna Ordförande · Protokoll: § 7, möte 2026-09-14 · Första beslutade versionen.',
    ]);
    const markdown = toMarkdown(document!);
    expect(markdown).toContain('# Lokal handlingsplan för psykisk hälsa 2027\n');
    expect(markdown).toContain('## Fokusområde: SIP – samordnad individuell plan\n');
    expect(markdown).toContain('- Uppdrag: Arbetsgrupp SIP barn och unga · 2027-02-01–2027-11-30 · sammankallande Bo Region · pågående\n');
  });

  it('has no plan document for a year without a plan', async () => {
    expect(await loadActionPlanDocument(scenario.store, scenario.group, 2031, sampleRegionalPlan(), catalog('sv'))).toBeNull();
  });
});
