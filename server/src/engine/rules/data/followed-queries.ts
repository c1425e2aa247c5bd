import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import { isLoop, walk } from '../syntax';
import { DataAccessNames } from './data-access-calls';

/**
 * Lookups that hide their query one call away: `this.users.findById(id)` in a service whose
 * `findById` runs `this.prisma.user.findUnique(…)`, `this.loadProfile(id)` in the same class, an
 * imported `getAccount(id)`. Called once per element, each is a query per element all the same.
 *
 * Only lookups are followed, by name (find, get, load, fetch, count, …): a loop that hands each
 * element to `process(order)` or `notify(user)` does per-element work on purpose, and what that
 * work queries is its own business. The query must run on every call: not in a callback, a loop
 * (that one is reported where it is) or a catch.
 */
const LOOKUP_NAME = /^(?:find|get|load|fetch|count|exists|read|lookup|resolve|retrieve)(?:[A-Z_]|$)/;
/** Writes are not lookups, whatever the method that does them is called. */
const WRITE_METHOD = /^(?:create|insert|add|persist|save|store|update|upsert|delete|destroy|remove|del|increment|decrement|patch)/;
/** A lookup named as loading a batch is the fix, not the problem. */
const BATCH_NAME = /Many|ByIds|Batch|[Bb]ulk|In$/;

/** A called function's body, with the data-access names of the file it is written in. */
interface Callee {
  readonly body: ts.Node;
  readonly names: DataAccessNames;
}

export class FollowedQueries {
  private readonly namesByFile = new Map<string, DataAccessNames>();

  constructor(
    private readonly graph: DependencyGraph,
    private readonly node: FileNode,
    private readonly names: DataAccessNames,
  ) {}

  /** The query a lookup call runs on every call (`this.prisma.user.findUnique`), as text; undefined when it runs none that can be seen. */
  queryBehind(call: ts.CallExpression): string | undefined {
    const method = calledName(call.expression);
    if (!method || !LOOKUP_NAME.test(method) || BATCH_NAME.test(method)) return undefined;
    const callee = this.calleeOf(call.expression, method);
    const query = callee && unconditionalQuery(callee);
    return query?.expression.getText().replace(/\s+/g, ' ').slice(0, 60);
  }

  private calleeOf(callee: ts.Expression, method: string): Callee | undefined {
    // `this.load(id)`: a method of the class the call is written in.
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(callee);
      const body = cls && memberBody(cls, method);
      return body && { body, names: this.names };
    }
    // `this.users.find(id)`: a method of the injected class.
    if (ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return this.inFile(this.names.injectedFile(callee.expression.name.text), (sf) => classMember(sf, method));
    }
    // `Users.get(id)` or `getAccount(id)`: an imported object's member, or an imported function.
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const owner = callee.expression.text;
      return this.inFile(this.names.importedFile(owner), (sf) => objectMember(sf, owner, method) ?? classMember(sf, method));
    }
    if (ts.isIdentifier(callee)) {
      const local = functionBody(this.node.sourceFile, method);
      if (local) return { body: local, names: this.names };
      return this.inFile(this.names.importedFile(method), (sf) => functionBody(sf, method));
    }
    return undefined;
  }

  private inFile(file: string | undefined, find: (sf: ts.SourceFile) => ts.Node | undefined): Callee | undefined {
    const target = file !== undefined ? this.graph.files.get(file) : undefined;
    const body = target && find(target.sourceFile);
    if (!target || !body) return undefined;
    let names = this.namesByFile.get(target.file);
    if (!names) {
      names = new DataAccessNames(this.graph, target);
      this.namesByFile.set(target.file, names);
    }
    return { body, names };
  }
}

function calledName(callee: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

/** A read query the body runs on every call: not in a nested function, a loop or a catch, not a write or a batch. */
function unconditionalQuery(callee: Callee): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  walk(callee.body, (n) => {
    if (found) return false;
    if (n !== callee.body && (ts.isFunctionLike(n) || isLoop(n) || ts.isCatchClause(n))) return false;
    if (ts.isCallExpression(n) && isReadQuery(n, callee.names)) found = n;
    return !found;
  });
  return found;
}

function isReadQuery(call: ts.CallExpression, names: DataAccessNames): boolean {
  if (!names.layerOfCall(call)) return false;
  for (let link: ts.Expression = call.expression; ; ) {
    if (ts.isPropertyAccessExpression(link)) {
      if (WRITE_METHOD.test(link.name.text) || BATCH_NAME.test(link.name.text)) return false;
      link = link.expression;
    } else if (ts.isCallExpression(link)) {
      link = link.expression;
    } else {
      return true;
    }
  }
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isClassLike(current)) return current;
  return undefined;
}

/** The body of a class's method (or arrow-function property) of that name. */
function memberBody(cls: ts.ClassLikeDeclaration, name: string): ts.Node | undefined {
  for (const member of cls.members) {
    if (member.name?.getText() !== name) continue;
    if (ts.isMethodDeclaration(member)) return member.body;
    if (ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) return member.initializer.body;
  }
  return undefined;
}

/** The method of that name in the first class of the file that has one. */
function classMember(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of sf.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    const body = memberBody(statement, name);
    if (body) return body;
  }
  return undefined;
}

/** `const Users = { get: async (id) => … }` or `{ async get(id) { … } }`: a function-valued member of a top-level object. */
function objectMember(sf: ts.SourceFile, owner: string, name: string): ts.Node | undefined {
  const init = topLevelInitializer(sf, owner);
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  for (const property of init.properties) {
    if (property.name?.getText() !== name) continue;
    if (ts.isMethodDeclaration(property)) return property.body;
    if (ts.isPropertyAssignment(property) && (ts.isArrowFunction(property.initializer) || ts.isFunctionExpression(property.initializer))) return property.initializer.body;
  }
  return undefined;
}

/** A top-level function declaration, or a `const` holding a function, of that name. */
function functionBody(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement.body;
  }
  const init = topLevelInitializer(sf, name);
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init.body : undefined;
}

function topLevelInitializer(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d.initializer;
  }
  return undefined;
}
