import { ARTEFACT_LABEL, PROFILE_HINT, type ProfilingArtefact, type ProfilingSection } from '../profiling/profiling-index.ts';

/** Artefacts grouped by benchmark, in index order (lib, bench, area, kind), for the short lists. */
export function artefactsByBench(section: ProfilingSection): { lib: string; bench: string; artefacts: ProfilingArtefact[] }[] {
  const groups = new Map<string, { lib: string; bench: string; artefacts: ProfilingArtefact[] }>();
  for (const a of section.artefacts) {
    const key = `${a.lib}\u0000${a.bench}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { lib: a.lib, bench: a.bench, artefacts: [] }));
    g.artefacts.push(a);
  }
  return [...groups.values()];
}

export const artefactLabel = (a: ProfilingArtefact) => ARTEFACT_LABEL[a.kind];

/** The sentence shown when there is no index. */
export function noIndexText(section: ProfilingSection): string {
  return `No profiling artefacts: ${section.index} does not exist. Produce some with`;
}

export { PROFILE_HINT };
