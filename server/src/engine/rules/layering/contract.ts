import { z } from 'zod';
import type { Contract } from '../../config/resolved';
import { filesToCheck } from '../syntax';
import { defineRule, type RuleReport } from '../types';
import { checkAcyclic } from './contracts/acyclic';
import { checkPublicApi } from './contracts/public-api';
import { checkReadOnly } from './contracts/read-only';
import { checkForbidden, checkIndependence, checkLayers } from './contracts/structural';
import type { ContractInputs } from './contracts/violation';

/**
 * The contracts of `layerguard.json` and of its preset, as import-linter's: ordered layers,
 * independent modules, forbidden dependencies, public APIs, acyclic modules, read-only layers.
 * Every dependency the graph knows counts, injections and `new` included.
 */
export const contract = defineRule({
  meta: {
    id: 'layering/contract',
    description: 'A dependency breaks an architecture contract of `layerguard.json` or of its preset (layers, independence, forbidden, public-api, acyclic, read-only).',
    defaultSeverity: 'warning',
    fixable: false,
    messages: { 'broken-contract': 'A dependency or a write that a named contract forbids; data names the contract and its type.' },
  },
  options: z.object({}).strict(),
  check(context) {
    const contracts = context.architecture.contracts;
    if (contracts.length === 0) return;
    const inputs: ContractInputs = {
      graph: context.graph,
      files: filesToCheck({ graph: context.graph }).filter((n) => n.layer !== 'tooling'),
      layers: context.architecture.layerIds,
    };
    for (const each of contracts) {
      if (each.type === 'read-only')
        checkReadOnly(
          each,
          inputs.files,
          context.graph,
          (file, visit) => context.walkFile(file, visit),
          (r) => context.report(r),
        );
      else for (const report of structuralReports(each, inputs)) context.report(report);
    }
  },
});

function structuralReports(each: Exclude<Contract, { type: 'read-only' }>, inputs: ContractInputs): RuleReport[] {
  switch (each.type) {
    case 'layers':
      return checkLayers(each, inputs);
    case 'independence':
      return checkIndependence(each, inputs);
    case 'forbidden':
      return checkForbidden(each, inputs);
    case 'public-api':
      return checkPublicApi(each, inputs);
    case 'acyclic':
      return checkAcyclic(each, inputs);
  }
}
