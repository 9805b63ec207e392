// The impact highlight and the What-if answer of one window: what was asked (a product
// or an output port, a depth), the core's answers, and what the canvas draws from them
// (each highlighted product's role, the dependencies between highlighted products).
// The answers are the core's; this only keeps them and derives what to light.
import { create } from 'zustand';
import type { Impact, ImpactTarget, WhatIf, WhatIfChange } from '../lib/backend';
import type { MeshModel } from './model';

/** How deep the highlight goes: one or two dependencies, or all of them. */
export type ImpactDepth = 1 | 2 | 'all';

/** What a highlighted product is to the target. */
export type ImpactRole = 'target' | 'upstream' | 'downstream';

interface ImpactState {
  /** What is asked about; null when no impact is shown. */
  target: ImpactTarget | null;
  depth: ImpactDepth;
  impact: Impact | null;
  /** The change asked about and the core's answer, when one was asked. */
  whatIf: { change: WhatIfChange; answer: WhatIf | null } | null;
  /** Each highlighted product's role, by id. */
  roles: ReadonlyMap<string, ImpactRole>;
  /** The dependencies (input port ids) between two highlighted products. */
  litEdges: ReadonlySet<string>;
  setTarget(target: ImpactTarget | null): void;
  setDepth(depth: ImpactDepth): void;
  setImpact(impact: Impact, model: MeshModel): void;
  setWhatIf(whatIf: { change: WhatIfChange; answer: WhatIf | null } | null): void;
}

const NONE = new Map<string, ImpactRole>();
const NO_EDGES = new Set<string>();

/** The roles of the products an impact reaches, the target's last so it wins. */
export function rolesOf(impact: Impact): Map<string, ImpactRole> {
  const roles = new Map<string, ImpactRole>();
  for (const p of impact.upstream) roles.set(p.id, 'upstream');
  for (const p of impact.downstream) roles.set(p.id, 'downstream');
  roles.set(impact.product, 'target');
  return roles;
}

/** The dependencies whose both ends are highlighted. */
export function litEdgesOf(model: MeshModel, roles: ReadonlyMap<string, ImpactRole>): Set<string> {
  const lit = new Set<string>();
  for (const input of model.inputPorts.values()) {
    if (input.source.kind !== 'outputPort' || !roles.has(input.productId)) continue;
    const port = model.outputPorts.get(input.source.portId);
    if (port && roles.has(port.productId)) lit.add(input.id);
  }
  return lit;
}

export const useImpactStore = create<ImpactState>()((set) => ({
  target: null,
  depth: 'all',
  impact: null,
  whatIf: null,
  roles: NONE,
  litEdges: NO_EDGES,
  setTarget: (target) =>
    set(target ? { target, impact: null, whatIf: null } : { target: null, impact: null, whatIf: null, roles: NONE, litEdges: NO_EDGES }),
  setDepth: (depth) => set({ depth }),
  setImpact: (impact, model) => {
    const roles = rolesOf(impact);
    set({ impact, roles, litEdges: litEdgesOf(model, roles) });
  },
  setWhatIf: (whatIf) => set({ whatIf }),
}));
