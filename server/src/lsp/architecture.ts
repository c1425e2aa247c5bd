import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, configFileText, proposeArchitectureInSlices, schemaInstalledIn, type ArchitectureProposal } from '../engine';
import type { ArchitectureChoice, ConfigureArchitectureResult } from '../protocol';

/**
 * Configure Architecture…: the proposal `layerguard init` makes, for a folder of the editor, and
 * the file it writes. The list the user picks from is the one proposed last for that folder, so
 * an index always means what the user saw.
 */
export class ArchitectureSetup {
  private readonly proposals = new Map<string, ArchitectureProposal>();

  /** The analyses run in slices: the server keeps answering (diagnostics, hovers) meanwhile. */
  async propose(root: string, progress?: (done: number, total: number) => void): Promise<ConfigureArchitectureResult> {
    const proposal = await proposeArchitectureInSlices(root, {}, progress);
    this.proposals.set(root, proposal);
    return { choices: proposal.candidates.map(choiceOf), configExists: fs.existsSync(path.join(root, CONFIG_FILE_NAME)) };
  }

  /** Writes the chosen candidate's configuration; an existing file only when the user agreed to replace it. */
  write(root: string, index: number, replace: boolean): ConfigureArchitectureResult {
    const candidate = this.proposals.get(root)?.candidates[index];
    if (!candidate) return { error: 'Choose an architecture from the list first (run Configure Architecture again).' };
    const file = path.join(root, CONFIG_FILE_NAME);
    if (fs.existsSync(file) && !replace) return { error: `${CONFIG_FILE_NAME} exists; it was left as it is.` };
    fs.writeFileSync(file, configFileText(candidate, new Date().toISOString().slice(0, 10), schemaInstalledIn(root)));
    return { written: file };
  }
}

function choiceOf(candidate: ArchitectureProposal['candidates'][number]): ArchitectureChoice {
  return {
    label: candidate.presets.join(' + '),
    fit: candidate.fit,
    reasons: candidate.reasons,
    ...(candidate.preview ? { findings: candidate.preview.findings, files: candidate.preview.files } : {}),
  };
}
