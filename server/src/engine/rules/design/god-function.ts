import { z } from 'zod';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { productionFilesOf, rangeOf, walk } from '../syntax';
import { defineRule } from '../types';
import { cognitiveComplexity } from './cognitive-complexity';

const options = z
  .object({
    /** SonarSource's cognitive complexity above which a function is too hard to follow. */
    maxComplexity: z.number().int().positive().default(15),
    /** Lines of a function body above which it does too much. */
    maxLines: z.number().int().positive().default(80),
  })
  .strict();

type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.Block };

/** Where to report: the function's name, or what names it (`const handler = () => …`). */
function nameOf(fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  if (fn.name) return fn.name;
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name;
  return undefined;
}

/**
 * Functions counted on their own: declarations, methods, accessors, and function expressions
 * that are named or assigned. Inline callbacks count towards the function that holds them.
 */
function isMeasured(node: ts.Node): node is FunctionWithBody {
  if (!ts.isFunctionLike(node) || !('body' in node) || !node.body || !ts.isBlock(node.body)) return false;
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isAccessor(node)) return true;
  return nameOf(node as ts.FunctionLikeDeclaration) !== undefined;
}

/** Why a function is too big, or nothing. */
function reasonsFor(fn: FunctionWithBody, sf: ts.SourceFile, maxComplexity: number, maxLines: number): string[] {
  const complexity = cognitiveComplexity(fn.body);
  const lines = sf.getLineAndCharacterOfPosition(fn.body.getEnd()).line - sf.getLineAndCharacterOfPosition(fn.body.getStart(sf)).line + 1;
  const reasons: string[] = [];
  if (complexity > maxComplexity) reasons.push(`its cognitive complexity is ${complexity} (allowed ${maxComplexity})`);
  if (lines > maxLines) reasons.push(`it is ${lines} lines long (allowed ${maxLines})`);
  return reasons;
}

/** The name's range, or `constructor`'s. */
function reportRange(fn: FunctionWithBody, sf: ts.SourceFile): TextRange {
  const name = nameOf(fn);
  if (name) return rangeOf(name, sf);
  const start = fn.getStart(sf);
  return { start, end: start + (ts.isConstructorDeclaration(fn) ? 'constructor'.length : 1) };
}

function displayName(fn: FunctionWithBody, sf: ts.SourceFile): string {
  return nameOf(fn)?.getText(sf) ?? (ts.isConstructorDeclaration(fn) ? 'constructor' : 'this function');
}

export const godFunction = defineRule({
  meta: {
    id: 'design/god-function',
    description: 'A function is too complex (cognitive complexity) or too long to understand and test on its own.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  options,
  check(context) {
    const { maxComplexity, maxLines } = context.options;
    for (const node of productionFilesOf(context.graph.files)) {
      const sf = node.sourceFile;
      walk(sf, (n) => {
        if (!isMeasured(n)) return;
        const reasons = reasonsFor(n, sf, maxComplexity, maxLines);
        if (reasons.length === 0) return;
        context.report({
          file: node.file,
          range: reportRange(n, sf),
          message: `${displayName(n, sf)} does too much: ${reasons.join(' and ')}. Split it into functions that each do one thing (validate, load, decide, shape the response).`,
        });
      });
    }
  },
});
