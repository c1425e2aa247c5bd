import * as fs from 'node:fs';
import type { AnalysisSession } from '../../server/src/engine';

/** Where an edit happens: an editor buffer, a buffer closed (back to the disk), or the disk. */
export type EditPlace = 'overlay' | 'close' | 'disk';

/**
 * Applies one edit to a session as an editor would report it, and records open buffers in
 * `overlays` so that a fresh session can be given the same state.
 */
export function applyEdit(session: AnalysisSession, overlays: Map<string, string>, file: string, where: EditPlace, text: string): void {
  if (where === 'overlay') {
    session.setOverlay(file, text);
    overlays.set(file, text);
  } else if (where === 'close') {
    session.setOverlay(file, undefined);
    overlays.delete(file);
  } else {
    fs.writeFileSync(file, text);
    session.fileChanged(file);
  }
}
