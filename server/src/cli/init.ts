import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, configFileText, configOf, proposeArchitecture, schemaInstalledIn, type ArchitectureProposal, type PresetName, type ProposedCandidate } from '../engine';
import type { Command } from './args';
import { isFolder, type Io } from './cached-run';

type InitCommand = Extract<Command, { name: 'init' }>;

/**
 * `layerguard init`: inspects the folder, says which architecture fits and why, previews what
 * each candidate would report, and writes a commented layerguard.json — only with `--yes`, and
 * over an existing file only with `--force`.
 */
export function runInit(command: InitCommand, io: Io): number {
  const root = path.resolve(io.cwd, command.dir);
  if (!isFolder(root)) {
    io.stderr(`layerguard: ${command.dir} is not a folder\n`);
    return 2;
  }
  const file = path.join(root, CONFIG_FILE_NAME);
  const exists = fs.existsSync(file);
  if (command.write && exists && !command.force) {
    io.stderr(`layerguard: ${path.relative(io.cwd, file) || file} exists; pass --force to replace it (nothing was written)\n`);
    return 2;
  }
  io.stderr('layerguard: inspecting the code and previewing each candidate…\n');
  const proposal = proposeArchitecture(root);
  const chosen = command.presets ? requested(command.presets, command.modules, proposal) : proposal.candidates[0];
  if (!chosen) {
    io.stderr('layerguard: no architecture candidate (no source file was analyzed)\n');
    return 2;
  }
  const text = configFileText(chosen, new Date().toISOString().slice(0, 10), schemaInstalledIn(root));
  if (command.write) fs.writeFileSync(file, text);
  if (command.format === 'json') {
    io.stdout(`${JSON.stringify({ root, evidence: proposal.evidence, candidates: proposal.candidates, chosen, file, written: command.write }, null, 2)}\n`);
    return 0;
  }
  io.stdout(proposalText(proposal, chosen, text, io.cwd));
  io.stdout(
    command.write
      ? `Wrote ${path.relative(io.cwd, file) || file}.\n`
      : `Nothing written: run again with --yes to write ${CONFIG_FILE_NAME}${exists ? ' (and --force to replace the one there)' : ''}.\n`,
  );
  return 0;
}

/** The candidate the user named with `--preset`, with its preview when it was among those previewed. */
function requested(presets: readonly PresetName[], modules: readonly string[] | undefined, proposal: ArchitectureProposal): ProposedCandidate {
  const same = proposal.candidates.find((c) => c.presets.join() === presets.join() && (modules === undefined || c.modules?.join() === modules.join()));
  if (same) return same;
  const detectedModules = proposal.candidates.find((c) => c.modules)?.modules;
  const chosenModules = modules ?? (presets.includes('modular-monolith') ? detectedModules : undefined);
  const candidate = { presets, ...(chosenModules ? { modules: chosenModules } : {}) };
  return { ...candidate, config: configOf(candidate), confidence: 0, fit: 0, reasons: ['chosen with --preset'] };
}

function proposalText(proposal: ArchitectureProposal, chosen: ProposedCandidate, text: string, cwd: string): string {
  const lines = [`Architecture of ${path.relative(cwd, proposal.root) || '.'} (${proposal.evidence.files} files):`, ''];
  proposal.candidates.forEach((candidate, index) => {
    const preview = candidate.preview ? ` · ${candidate.preview.findings} layering finding(s) in ${candidate.preview.files} file(s)` : '';
    lines.push(`${index + 1}. ${candidate.presets.join(' + ')} — fit ${candidate.fit.toFixed(2)} (evidence ${candidate.confidence.toFixed(2)})${preview}`);
    for (const reason of candidate.reasons) lines.push(`     ${reason}`);
    for (const example of candidate.preview?.examples ?? []) lines.push(`     e.g. ${example}`);
  });
  lines.push('', `Chosen: ${chosen.presets.join(' + ')}`, '', text);
  return `${lines.join('\n')}\n`;
}
