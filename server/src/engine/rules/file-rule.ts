import type { z } from 'zod';
import type { DependencyGraph, FileNode } from '../graph/types';
import type { ts } from '../ts';
import { filesToCheck, productionFilesToCheck } from './syntax';
import { defineRule, type Rule, type RuleMeta, type RuleReport } from './types';

/** What a file rule sees of the one file it is checking. */
export interface FileCheck<Options> {
  readonly file: FileNode;
  readonly graph: DependencyGraph;
  readonly options: Options;
  /** Reports on this file. */
  report(report: Omit<RuleReport, 'file'>): void;
}

/** A node visitor for the analysis's shared walk (`false` skips a node's children). */
export type NodeVisitor = (node: ts.Node) => boolean | void;

export interface FileRule<Options> {
  readonly meta: RuleMeta;
  readonly options: z.ZodType<Options>;
  /**
   * `production` (the default) leaves out the tooling layer (migrations, seeds, scripts run by
   * hand on the team's own values); `all` checks every analyzed file.
   */
  readonly files?: 'production' | 'all';
  /** The visitor that checks one file, or undefined to leave the file alone. */
  visitor(check: FileCheck<Options>): NodeVisitor | undefined;
}

/**
 * A rule whose findings in a file come from that file's own syntax (and its direct dependencies,
 * read through `graph`), never from workspace-wide facts: it is per-file with no context, so an
 * edit re-checks only the files whose inputs changed.
 */
export function defineFileRule<Options>(rule: FileRule<Options>): Rule<Options> {
  return defineRule({
    meta: rule.meta,
    options: rule.options,
    perFile: () => '',
    check(context) {
      const files = rule.files === 'all' ? filesToCheck(context) : productionFilesToCheck(context);
      for (const file of files) {
        const visit = rule.visitor({
          file,
          graph: context.graph,
          options: context.options,
          report: (report) => context.report({ ...report, file: file.file }),
        });
        if (visit) context.walkFile(file, visit);
      }
    },
  });
}
